"""Replaces one benchmark's section of BENCHMARKS.md (between <!-- bench:NAME --> and <!-- /bench:NAME -->) with the
text on standard input, keeping the other benchmarks' figures. Usage: bench_section.py BENCHMARKS.md NAME < text"""
import re
import sys

path, name = sys.argv[1], sys.argv[2]
body = sys.stdin.read().strip("\n")
begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
try:
    with open(path, encoding="utf-8") as f:
        page = f.read()
except FileNotFoundError:
    page = ""
if not page.startswith("# Benchmarks"):
    page = ("# Benchmarks\n\nWritten by submit/bench.sh and submit/bench-million.sh on this machine (2 cores, shared and "
            "noisy): each section compares systems side by side in one run; read the ratios, not the absolute times.\n")
section = f"{begin}\n{body}\n{end}"
pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
page = pattern.sub(lambda _: section, page) if pattern.search(page) else page.rstrip("\n") + "\n\n" + section + "\n"
with open(path, "w", encoding="utf-8") as f:
    f.write(page)
print(body)
