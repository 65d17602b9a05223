"""Reference solvers for the assignment benchmarks, driven over stdin/stdout by bench/assignment/reference.ts.

One request per line (JSON), one answer per line (JSON):
  {"op": "load", "file": "<instance.json>"}       -> {"ok": true, "edges": m}
  {"op": "solve", "solver": "ortools-mcf"}         -> {"ok": true, "ms": t, "cpuMs": c, "total": units}
  {"op": "solve", "solver": "scipy-lsa"}           -> {"ok": true, "ms": t, "cpuMs": c, "total": units}
  {"op": "versions"}                               -> {"ok": true, "python": ..., "ortools": ..., "scipy": ...}

The instance file holds integer arrays: nc, nn, capC, capN, ec, en, w (weights in integer units, > 0, one edge per
pair). Timed: everything a caller of the library does from those arrays to the optimum, i.e. for OR-Tools building
the SimpleMinCostFlow graph (vectorised add_arcs) and solve(); for scipy linear_sum_assignment on the dense weight
matrix (built before the clock starts: it is the input format that function takes).

The min-cost-flow network is the same as ours: source -> candidate (capacity K), candidate -> need (capacity 1, cost
-w), need -> sink (capacity), and a zero-cost source -> sink arc, so that leaving capacity unused is allowed and the
minimum cost is minus the maximum total weight.
"""
import json
import sys
import time

import numpy as np

instance = None
dense = None


def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def load(path):
    global instance, dense
    with open(path, "r", encoding="utf-8") as f:
        raw = json.load(f)
    instance = {
        "nc": int(raw["nc"]),
        "nn": int(raw["nn"]),
        "capC": np.asarray(raw["capC"], dtype=np.int64),
        "capN": np.asarray(raw["capN"], dtype=np.int64),
        "ec": np.asarray(raw["ec"], dtype=np.int32),
        "en": np.asarray(raw["en"], dtype=np.int32),
        "w": np.asarray(raw["w"], dtype=np.int64),
    }
    dense = None
    if instance["nc"] * instance["nn"] <= 4_000_000:
        dense = np.zeros((instance["nc"], instance["nn"]), dtype=np.int64)
        dense[instance["ec"], instance["en"]] = instance["w"]
    return len(instance["w"])


def solve_ortools():
    from ortools.graph.python import min_cost_flow

    nc, nn = instance["nc"], instance["nn"]
    ec, en, w = instance["ec"], instance["en"], instance["w"]
    capC, capN = instance["capC"], instance["capN"]
    source, sink = nc + nn, nc + nn + 1
    supply = int(capC.sum())
    c0 = time.process_time()
    t0 = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    cand = np.arange(nc, dtype=np.int32)
    need = np.arange(nc, nc + nn, dtype=np.int32)
    starts = np.concatenate([np.full(nc, source, dtype=np.int32), ec, need, np.array([source], dtype=np.int32)])
    ends = np.concatenate([cand, en.astype(np.int32) + nc, np.full(nn, sink, dtype=np.int32), np.array([sink], dtype=np.int32)])
    caps = np.concatenate([capC, np.ones(len(w), dtype=np.int64), capN, np.array([supply], dtype=np.int64)])
    costs = np.concatenate([np.zeros(nc, dtype=np.int64), -w, np.zeros(nn, dtype=np.int64), np.zeros(1, dtype=np.int64)])
    smcf.add_arcs_with_capacity_and_unit_cost(starts, ends, caps, costs)
    smcf.set_nodes_supplies(np.array([source, sink], dtype=np.int32), np.array([supply, -supply], dtype=np.int64))
    status = smcf.solve()
    ms = (time.perf_counter() - t0) * 1000
    cpu = (time.process_time() - c0) * 1000
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"OR-Tools min-cost flow ended with status {status}")
    return ms, cpu, -int(smcf.optimal_cost())


def solve_scipy():
    from scipy.optimize import linear_sum_assignment

    if dense is None:
        raise RuntimeError("instance too large for a dense matrix")
    c0 = time.process_time()
    t0 = time.perf_counter()
    rows, cols = linear_sum_assignment(dense, maximize=True)
    ms = (time.perf_counter() - t0) * 1000
    cpu = (time.process_time() - c0) * 1000
    # A zero entry is no edge: leaving it out changes nothing (weights are > 0, a perfect assignment of a complete
    # graph is the optimum; on an incomplete one, zero entries add zero).
    return ms, cpu, int(dense[rows, cols].sum())


def versions():
    import platform

    out = {"python": platform.python_version()}
    try:
        import ortools

        out["ortools"] = ortools.__version__
    except Exception as e:  # reported, not fatal: the caller says which baseline is unavailable
        out["ortools"] = None
        out["ortoolsError"] = str(e)
    try:
        import scipy

        out["scipy"] = scipy.__version__
    except Exception as e:
        out["scipy"] = None
        out["scipyError"] = str(e)
    return out


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            op = req.get("op")
            if op == "load":
                answer({"ok": True, "edges": load(req["file"])})
            elif op == "solve":
                solver = req["solver"]
                if solver == "ortools-mcf":
                    ms, cpu, total = solve_ortools()
                elif solver == "scipy-lsa":
                    ms, cpu, total = solve_scipy()
                else:
                    raise ValueError(f"unknown solver {solver}")
                answer({"ok": True, "ms": ms, "cpuMs": cpu, "total": total})
            elif op == "versions":
                answer({"ok": True, **versions()})
            else:
                raise ValueError(f"unknown op {op}")
        except Exception as e:
            answer({"ok": False, "error": f"{type(e).__name__}: {e}"})


if __name__ == "__main__":
    main()
