"""The kneecare app, with an application-wide filter that logs every timer event's receiver
(class, object name, parents) with a monotonic time, to the file in $TIMER_LOG."""
import os, sys, time
import kneecare_desktop.ui.app as appmod
from PySide6.QtCore import QEvent, QObject
log = open(os.environ["TIMER_LOG"], "w", buffering=1)
class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Timer:
            chain, o = [], obj
            while o is not None and len(chain) < 5:
                chain.append(f"{o.metaObject().className()}({o.objectName()})")
                o = o.parent()
            log.write(f"{time.monotonic():.3f} timer {event.timerId()} -> {' < '.join(chain)}\n")
        return False
orig = appmod.create_app
def create_app(*a, **k):
    app = orig(*a, **k)
    spy = Spy(app); app.installEventFilter(spy); app._spy = spy
    return app
appmod.create_app = create_app
from kneecare_desktop.cli.main import main
sys.argv = ["kneecare", "--lang", "en"]
sys.exit(main())
