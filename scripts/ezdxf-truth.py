#!/usr/bin/python3
"""Ground truth for the DXF fixture table test, from an independent reader (Debian's python3-ezdxf).

For every DXF in test/fixtures/dxf it expands model space (INSERTs recursively, arrays included, like a CAD
viewer would) and measures the cutting geometry: LINE, ARC, CIRCLE, ELLIPSE, LWPOLYLINE, POLYLINE (not meshes)
and SPLINE, projected on XY (block contents through Insert.matrix44(), so a scale-0 INSERT collapses to
nothing and is dropped as zero length, as in our reader). It writes, per file, the bounding box and the total length of those curves
flattened to 1e-4 drawing units, plus $INSUNITS, in drawing units (the test applies its own unit scale).
Annotation (DIMENSION, LEADER, TEXT, MTEXT), fills (HATCH, SOLID) and meshes are left out on purpose.

Run:  npm run fixtures:truth      (= /usr/bin/python3 scripts/ezdxf-truth.py)
Needs: apt-get install -y python3-ezdxf   (0.18; /usr/bin/python3, not another python3 on PATH)
"""
import json
import math
import os
import sys

import ezdxf
from ezdxf import recover
from ezdxf.path import make_path

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = os.path.join(ROOT, "test", "fixtures", "dxf")
OUT = os.path.join(FIXTURES, "ezdxf-truth.json")
CURVES = {"LINE", "ARC", "CIRCLE", "ELLIPSE", "LWPOLYLINE", "POLYLINE", "SPLINE"}
FLATTEN = 1e-4
MAX_DEPTH = 64


def inserts(insert):
    """The INSERT itself, or one virtual INSERT per array cell (ezdxf cannot copy some extension data)."""
    if insert.mcount > 1:
        try:
            return list(insert.multi_insert())
        except Exception:
            pass
    return [insert]


def expand(entity, matrix=None, depth=0):
    """Yields (curve, matrix) for `entity`: INSERTs are expanded recursively through their block layouts with
    Insert.matrix44() (DIMENSIONs inside blocks are annotation, left out like at top level)."""
    kind = entity.dxftype()
    if kind == "INSERT":
        if depth >= MAX_DEPTH:
            return
        for single in inserts(entity):
            block = single.block()
            if block is None:
                continue
            m = single.matrix44() if matrix is None else single.matrix44() * matrix
            for child in block:
                yield from expand(child, m, depth + 1)
    elif kind in CURVES:
        if kind == "POLYLINE" and (entity.is_poly_face_mesh or entity.is_polygon_mesh):
            return
        yield entity, matrix


def measure(doc):
    minx = miny = math.inf
    maxx = maxy = -math.inf
    length = 0.0
    count = 0
    for entity in doc.modelspace():
        for curve, matrix in expand(entity):
            try:
                # SPLINE: evaluate the B-spline itself; make_path's Bézier conversion is off by up to 1.6 % on
                # degree-2 splines with double knots (QCAD writes those).
                path = curve.construction_tool() if curve.dxftype() == "SPLINE" else make_path(curve)
                if matrix is not None:
                    path = path.transform(matrix)
                pts = [(v.x, v.y) for v in path.flattening(FLATTEN)]
            except Exception:
                continue
            seg = sum(math.dist(pts[i - 1], pts[i]) for i in range(1, len(pts)))
            if seg == 0 or not all(map(math.isfinite, (c for p in pts for c in p))):
                continue
            count += 1
            length += seg
            for x, y in pts:
                minx, miny, maxx, maxy = min(minx, x), min(miny, y), max(maxx, x), max(maxy, y)
    bbox = None if count == 0 else [minx, miny, maxx, maxy]
    return {"curves": count, "length": length, "bbox": bbox}


def read(path):
    try:
        doc, _auditor = recover.readfile(path)
        return doc
    except Exception:
        return ezdxf.readfile(path)


def main():
    names = sorted(n for n in os.listdir(FIXTURES) if n.lower().endswith(".dxf"))
    result = {"generator": f"ezdxf {ezdxf.__version__}", "flatten": FLATTEN, "files": {}}
    for name in names:
        try:
            doc = read(os.path.join(FIXTURES, name))
            entry = measure(doc)
            entry["insunits"] = doc.header.get("$INSUNITS")
        except Exception as err:  # recorded: the test then only checks that we import the file
            entry = {"error": f"{type(err).__name__}: {err}"}
        result["files"][name] = entry
        print(f"{name}: {entry}", file=sys.stderr)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
