import sys, collections, re
def load(path):
    agg = collections.Counter(); name = None
    for line in open(path):
        if re.match(r'^[0-9a-f]+-[0-9a-f]+ ', line):
            parts = line.split(None, 5)
            name = parts[5].strip() if len(parts) > 5 else '[anon]'
            name = name.rsplit('/', 1)[-1]
        elif line.startswith('Rss:'):
            agg[name] += int(line.split()[1])
    return agg
a = load(sys.argv[1]); b = load(sys.argv[2])
print(f"total app {sum(a.values())/1024:.1f} MB, bare {sum(b.values())/1024:.1f} MB")
diff = {k: a.get(k,0)-b.get(k,0) for k in set(a)|set(b)}
for k, v in sorted(diff.items(), key=lambda kv: -abs(kv[1]))[:30]:
    print(f"{v/1024:8.1f} MB  app {a.get(k,0)/1024:7.1f}  bare {b.get(k,0)/1024:7.1f}  {k}")
