#!/usr/bin/env python3
"""Import loops in src/: between top-level modules, and between files.

A file depends on another when it names it through `crate::…`, `super::…` or `self::…`
paths (in `use` lines or inline). A folder's `mod.rs` is its front door: edges into it count,
edges from it to its own children (declaring and re-exporting them) do not. Tests modules
(`#[cfg(test)]` and below) are ignored. Prints every loop found; exit code 1 when there is one.
Usage: python3 scripts/import_loops.py [src]
"""
import os
import re
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "src"
PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*?)\}", re.S)


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return rel


def file_of(parts):
    """The deepest file holding the module path `parts` (a list of names under crate)."""
    best = os.path.join(SRC, "lib.rs")
    for n in range(1, len(parts) + 1):
        base = os.path.join(SRC, *parts[:n])
        for candidate in (base + ".rs", os.path.join(base, "mod.rs")):
            if os.path.isfile(candidate):
                best = candidate
                break
        else:
            break
    return best


def targets(path, text):
    here = module_of(path)
    found = []
    text = text.split("#[cfg(test)]")[0]
    text = re.sub(r"//[^\n]*", "", text)
    paths = []
    for root, prefix, inner in GROUP.findall(text):
        for item in re.split(r"[,{}\s]+", inner):
            item = item.strip()
            if item and item not in ("self", "*"):
                paths.append((root, prefix + "::" + item.split("::")[0] if item else prefix))
    paths += PATH.findall(text)
    for root, rest in paths:
        names = [n for n in rest.split("::") if n]
        if root == "crate":
            full = names
        elif root == "super":
            ups = 1
            while names and names[0] == "super":
                names, ups = names[1:], ups + 1
            full = here[: max(len(here) - ups, 0)] + names
        else:  # self
            full = here + names
        found.append(full)
    return found


def main():
    files = []
    for d, _, names in os.walk(SRC):
        files += [os.path.join(d, n) for n in names if n.endswith(".rs")]
    edges = {f: set() for f in files}
    for f in files:
        text = open(f, encoding="utf-8").read()
        for full in targets(f, text):
            t = file_of(full)
            if t == f or t.endswith("lib.rs"):
                continue
            # a mod.rs declaring or re-exporting its own children is not a dependency
            if os.path.basename(f) == "mod.rs" and os.path.dirname(t).startswith(os.path.dirname(f)):
                continue
            edges[f].add(t)
    loops = []
    loops += [("file", c) for c in cycles(edges)]
    top = {}
    for f, ts in edges.items():
        a = module_of(f)[:1]
        for t in ts:
            b = module_of(t)[:1]
            if a and b and a != b:
                top.setdefault(a[0], set()).add(b[0])
    loops += [("module", c) for c in cycles(top)]
    for kind, c in loops:
        print(f"{kind} loop: " + " -> ".join(c + [c[0]]))
    if not loops:
        print(f"no import loop among {len(files)} files and {len({module_of(f)[0] for f in files if module_of(f)})} top-level modules")
    return 1 if loops else 0


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    nodes = set(graph) | {t for ts in graph.values() for t in ts}

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


if __name__ == "__main__":
    sys.exit(main())
