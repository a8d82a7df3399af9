#!/usr/bin/env python3
"""Checks the size limits of the C++ sources under services/ and sdk/.

  - no source file longer than --max-file-lines (600) lines;
  - no function longer than --max-function-lines (120) lines, counted from
    the line that starts its signature to its closing brace.

Lines inside raw string literals (SQL schema text) do not count towards a
function's length.  Tables of data are declared at namespace scope, not in
a function, so they never count.  A function that must stay long for
another reason carries the comment `// size-check: allow (REASON)` on the
line just before its signature.

Prints one line per finding (`path:line: what`) and exits 1 if there are
any, 0 otherwise.  Paths are relative to the repository, whatever the
current directory.

  scripts/check_code_size.py [--max-file-lines N] [--max-function-lines N]
                             [FILE...]
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ("services", "sdk")
SUFFIXES = (".cc", ".h", ".cpp", ".hpp")
ALLOW = "size-check: allow"

# Text before a `{` that makes it a function body: a parameter list,
# optionally followed by qualifiers or a trailing return type.
SIGNATURE_END = re.compile(
    r"\)\s*(const|override|final|noexcept|mutable|->\s*[\w:<>,*&\s]+|\s)*$")
# Text before a `{` that makes it a type, namespace or initializer instead.
NOT_A_FUNCTION = re.compile(
    r"\b(namespace|class|struct|union|enum)\b[^()]*$|=\s*$|^extern\b")
CONTROL = re.compile(r"^(if|for|while|switch|catch|do|else)\b")


def blank_out(text):
    """Returns text with comments and string and char literals replaced by
    spaces (newlines kept), and the set of 1-based line numbers that lie
    inside raw string literals."""
    out = []
    raw_lines = set()
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            chunk = text[i:j]
            out.append(re.sub(r"[^\n]", " ", chunk))
            line += chunk.count("\n")
            i = j
        elif c == "R" and text.startswith('R"', i) and (
                i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
                or text[i - 1] in "8LU"):
            m = re.match(r'R"([^()\s\\]{0,16})\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            close = ")" + m.group(1) + '"'
            end = text.find(close, i + len(m.group(0)))
            end = n if end < 0 else end + len(close)
            chunk = text[i:end]
            first = line
            line += chunk.count("\n")
            raw_lines.update(range(first + 1, line + 1))
            out.append(re.sub(r"[^\n]", " ", chunk))
            i = end
        elif c == "'" and i > 0 and re.match(r"[0-9a-fA-F]", text[i - 1]) \
                and i + 1 < n and re.match(r"[0-9a-fA-F]", text[i + 1]) \
                and re.search(r"\b0?[xX]?[0-9a-fA-F']+$", text[:i]):
            out.append(" ")  # digit separator, as in 1'000'000
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            line += text[i:j].count("\n")
            i = j
        else:
            if c == "\n":
                line += 1
            out.append(c)
            i += 1
    return "".join(out), raw_lines


def functions(clean):
    """Yields (start_line, end_line, signature) for each outermost function
    body in the blanked-out source."""
    line_at = []
    line = 1
    for ch in clean:
        line_at.append(line)
        line += ch == "\n"
    stack = []  # one entry per open brace: (is_function, start_line, sig)
    depth_in_function = 0
    header_start = 0
    for i, ch in enumerate(clean):
        if ch == ";":
            header_start = i + 1
        elif ch == "}":
            if stack:
                is_function, start, signature = stack.pop()
                if is_function:
                    depth_in_function = 0
                    yield start, line_at[i], signature
                elif depth_in_function:
                    depth_in_function -= 1
            header_start = i + 1
        elif ch == "{":
            before = clean[header_start:i]
            stripped = " ".join(before.split())
            is_function = (not depth_in_function and
                           SIGNATURE_END.search(stripped) is not None and
                           not NOT_A_FUNCTION.search(stripped) and
                           not CONTROL.match(stripped))
            if is_function:
                offset = header_start + len(before) - len(before.lstrip())
                stack.append((True, line_at[offset], stripped[:80]))
                depth_in_function = 1
            else:
                stack.append((False, 0, ""))
                if depth_in_function:
                    depth_in_function += 1
            header_start = i + 1


def check(path, max_file, max_function):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    rel = os.path.relpath(path, ROOT)
    lines = text.split("\n")
    findings = []
    count = len(lines) - (1 if text.endswith("\n") else 0)
    if count > max_file:
        findings.append(f"{rel}:1: file has {count} lines (limit {max_file})")
    clean, raw_lines = blank_out(text)
    for start, end, signature in functions(clean):
        length = sum(1 for ln in range(start, end + 1) if ln not in raw_lines)
        if length <= max_function:
            continue
        if start >= 2 and ALLOW in lines[start - 2]:
            continue
        findings.append(f"{rel}:{start}: function has {length} lines "
                        f"(limit {max_function}): {signature}")
    return findings


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--max-file-lines", type=int, default=600)
    parser.add_argument("--max-function-lines", type=int, default=120)
    parser.add_argument("paths", nargs="*", metavar="FILE",
                        help="files to check (default: services/ and sdk/)")
    args = parser.parse_args()
    paths = list(args.paths)
    if not paths:
        for top in DIRS:
            for dirpath, _, names in os.walk(os.path.join(ROOT, top)):
                paths += [os.path.join(dirpath, name) for name in names
                          if name.endswith(SUFFIXES)]
    findings = []
    for path in sorted(paths):
        findings += check(path, args.max_file_lines, args.max_function_lines)
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
