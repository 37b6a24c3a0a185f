import sys
from PySide6.QtWidgets import QApplication, QPushButton, QDialog, QVBoxLayout
from PySide6.QtGui import QPalette, QColor
app = QApplication([])
app.setStyle("Fusion")
mode = sys.argv[1]
if mode == "set":
    p = app.palette()
    p.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight, QColor("#1864ab"))
    app.setPalette(p)
keys = []
for i in range(3):
    d = QDialog(); l = QVBoxLayout(d); b = QPushButton("x"); l.addWidget(b); d.show(); app.processEvents()
    keys.append((d.palette().cacheKey(), b.palette().cacheKey()))
print(mode, app.palette().cacheKey(), keys)
