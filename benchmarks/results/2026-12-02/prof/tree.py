import sys, collections, re
path, parent, depth = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv)>3 else 1
c = collections.Counter(); tot = 0; ptot = 0
for line in open(path):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n); tot += n
    fr = [re.sub(r'/work/wt-bench/|/.*site-packages/', '', f) for f in stack.split(';')]
    fr = [f for f in fr if 'frozen importlib' not in f]
    for i, f in enumerate(fr):
        if f.startswith(parent):
            ptot += n
            c[' > '.join(x.rsplit(':',1)[0] if x.endswith(')') else x for x in fr[i+1:i+1+depth]) or '(self)'] += n
            break
print(f"{parent}: {ptot} of {tot} samples ({100*ptot/tot:.1f}%)")
for k, v in c.most_common(25): print(f"{100*v/tot:5.1f}%  {k}")
