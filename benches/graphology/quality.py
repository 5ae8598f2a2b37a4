#!/usr/bin/env python3
"""Layout quality on a planted-partition graph: mean distance between nodes
of the same block over mean distance between blocks (lower is better), for
graphology and knowmap after the same number of iterations.

usage: quality.py KNOWMAP_BINARY WORKDIR (WORKDIR must hold node_modules with graphology)"""
import csv, itertools, math, os, random, subprocess, sys

def sbm(path, k=4, size=150, p_in=0.08, p_out=0.004, seed=3):
    rnd = random.Random(seed)
    with open(path, "w") as f:
        f.write("source,target,weight\n")
        for a, b in itertools.combinations(range(k * size), 2):
            if rnd.random() < (p_in if a // size == b // size else p_out):
                f.write(f"n{a},n{b},1\n")
    return size

def ratio(path, size):
    pos = {r["id"]: (float(r["x"]), float(r["y"])) for r in csv.DictReader(open(path))}
    within = between = 0.0
    nw = nb = 0
    for (a, pa), (b, pb) in itertools.combinations(pos.items(), 2):
        d = math.dist(pa, pb)
        if int(a[1:]) // size == int(b[1:]) // size:
            within += d; nw += 1
        else:
            between += d; nb += 1
    return (within / nw) / (between / nb)

def main(knowmap, work):
    edges = os.path.join(work, "sbm.csv")
    size = sbm(edges)
    # ES modules resolve packages next to the script: run it from WORKDIR.
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "layout_csv.mjs")) as src, open(os.path.join(work, "layout_csv.mjs"), "w") as dst:
        dst.write(src.read())
    for iterations in (100, 500):
        subprocess.run(["node", os.path.join(work, "layout_csv.mjs"),
                        edges, str(iterations), os.path.join(work, "g.csv")], check=True, cwd=work)
        subprocess.run([knowmap, "layout", edges, "--iterations", str(iterations), "--out", os.path.join(work, "k.csv")],
                       check=True, stderr=subprocess.DEVNULL)
        print(f"{iterations} iterations: within/between distance ratio — graphology {ratio(os.path.join(work, 'g.csv'), size):.3f}, "
              f"knowmap {ratio(os.path.join(work, 'k.csv'), size):.3f}")

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
