#!/usr/bin/python3
"""Rewrites the README's Java blocks from the test sources they are compiled in.

Every ```java block of README.md is preceded by a marker line

    <!-- snippet: tests/src/test/java/io/sumbin/readme/TourSnippets.java#pyhf -->

naming a source file (relative to the repository root) and a tag. The block is the
concatenation of every region of that file between `// tag::pyhf[]` and `// end::pyhf[]`
(usually the imports and the body), each region dedented, regions separated by one blank line;
lines holding another tag's markers are left out. ReadmeSnippetsTest applies the same rule and
fails when a block differs.

usage: docs/readme/snippets.py [--check] [README.md]
  (no option)  rewrite the blocks in place
  --check      only report blocks that differ (exit 1) or lack a marker
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^<!-- snippet: (\S+)#([\w.-]+) -->\s*$")
TAG = re.compile(r"//\s*(tag|end)::([\w.-]+)\[\]")


def region(source: Path, tag: str) -> str:
    regions, current = [], None
    for line in source.read_text(encoding="utf-8").splitlines():
        m = TAG.search(line)
        if m:
            if m.group(2) == tag:
                if m.group(1) == "tag":
                    current = []
                elif current is not None:
                    regions.append(current)
                    current = None
            continue  # marker lines of any tag never show
        if current is not None:
            current.append(line)
    if current is not None:
        raise SystemExit(f"{source}: tag '{tag}' is not closed by // end::{tag}[]")
    if not regions:
        raise SystemExit(f"{source}: no region tagged '{tag}'")
    return "\n\n".join("\n".join(dedent(r)) for r in regions)


def dedent(lines):
    indents = [len(l) - len(l.lstrip(" ")) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    out = [l[cut:].rstrip() if l.strip() else "" for l in lines]
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return out


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if not a.startswith("--")]
    readme = Path(args[0]) if args else ROOT / "README.md"
    lines = readme.read_text(encoding="utf-8").split("\n")
    out, problems, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "```java":
            m = MARKER.match(out[-1]) if out else None
            end = i + 1
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            old = "\n".join(lines[i + 1:end])
            if not m:
                problems.append(f"README.md:{i + 1}: java block without a <!-- snippet: FILE#TAG --> line before it")
                out.extend(lines[i:end + 1])
            else:
                new = region(ROOT / m.group(1), m.group(2))
                if new != old:
                    problems.append(f"README.md:{i + 1}: block differs from {m.group(1)}#{m.group(2)}")
                out.append(line)
                out.extend(new.split("\n"))
                out.append(lines[end])
            i = end + 1
            continue
        out.append(line)
        i += 1
    for p in problems:
        print(p, file=sys.stderr)
    if check:
        return 1 if problems else 0
    text = "\n".join(out)
    if text != "\n".join(lines):
        readme.write_text(text, encoding="utf-8")
        print(f"rewrote {sum('differs' in p for p in problems)} block(s) of {readme}")
    return 1 if any("without" in p for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
