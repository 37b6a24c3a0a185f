import sys, collections, re
tot = 0
incl = collections.Counter()   # inclusive by function (file:func), kneecare frames & imports
imports = collections.Counter()
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n); tot += n
    frames = stack.split(';')
    seen = set()
    for f in frames:
        m = re.match(r'(.*?) \((.*?)(?::\d+)?\)$', f)
        key = f"{m.group(1)} ({m.group(2).split('site-packages/')[-1].replace('/work/wt-bench/','')})" if m else f
        if key not in seen:
            seen.add(key); incl[key] += n
    # innermost module being imported
    mods = [re.search(r'\((.*?)(?::\d+)?\)$', f).group(1) for f in frames if f.startswith('<module>')]
    if mods:
        imports[mods[-1].split('site-packages/')[-1].replace('/work/wt-bench/','')] += n
print("total samples", tot)
print("--- inclusive, top 45")
for k, v in incl.most_common(45): print(f"{100*v/tot:5.1f}%  {k}")
print("--- self time inside module bodies (innermost <module>), top 20")
for k, v in imports.most_common(20): print(f"{100*v/tot:5.1f}%  {k}")
