#!/usr/bin/env python3
"""Expected values for kernel-lib's gbdt (gradient-boosted trees, TreeSHAP) from Debian's python3-xgboost
(1.7.x, C++ core), tree_method="exact", nthread=1. Run from this directory: /usr/bin/python3 make_expected.py

Inputs (committed here):
  synthetic.csv  seeded synthetic regression data written by this script (numpy RandomState(20260501)):
                 300 rows, features x1..x6 (x4 rounded to 1 decimal so it has ties, x5 integer 0..4),
                 y with non-linear terms and an x1*x2 interaction plus noise; w, case weights in [0.2, 3).
  grunfeld.csv   the public Grunfeld (1958) investment data (copy of test/reference/panel/grunfeld.csv).
Both files are read back from CSV here, so xgboost sees exactly the numbers kernel-lib parses.

Output: expected.json with, per case, the parameters, every tree as xgboost's JSON model stores it
(split_indices, split_conditions, left/right children, loss_changes, sum_hessian, base_weights; deleted
nodes left by gamma pruning included, as xgboost saves them), the text dump (first case only), predictions (float32 as doubles), the five get_score importance types, pred_contribs and
pred_interactions (first 25 rows). Nothing here is derived from kernel-lib.
"""
import json
import numpy as np
import pandas as pd
import xgboost as xgb

rs = np.random.RandomState(20260501)
n = 300
x1 = rs.uniform(-2, 2, n)
x2 = rs.standard_normal(n)
x3 = rs.uniform(0, 10, n)
x4 = np.round(rs.standard_normal(n), 1)
x5 = rs.randint(0, 5, n).astype(float)
x6 = rs.standard_normal(n)
y = 3 + 2 * np.sin(x1) + x1 * x2 + 0.3 * x3 + np.where(x4 > 0.2, 1.5, -0.5) + 0.4 * x5 + 0.5 * rs.standard_normal(n)
w = rs.uniform(0.2, 3.0, n)
pd.DataFrame({"x1": x1, "x2": x2, "x3": x3, "x4": x4, "x5": x5, "x6": x6, "y": y, "w": w}).to_csv(
    "synthetic.csv", index=False, float_format="%.6f")

CASES = [
    {"name": "synthetic_cli_defaults", "data": "synthetic.csv", "target": "y", "features": ["x1", "x2", "x3", "x4", "x5", "x6"],
     "params": {"max_depth": 3, "eta": 0.1, "reg_lambda": 1.0, "min_child_weight": 1.0, "base_score": 0.5, "gamma": 0.0}, "rounds": 50},
    {"name": "synthetic_deep_regularised", "data": "synthetic.csv", "target": "y", "features": ["x1", "x2", "x3", "x4", "x5", "x6"],
     "params": {"max_depth": 6, "eta": 0.3, "reg_lambda": 2.5, "min_child_weight": 3.0, "base_score": 1.7, "gamma": 0.5}, "rounds": 30},
    {"name": "synthetic_alpha", "data": "synthetic.csv", "target": "y", "features": ["x1", "x2", "x3", "x4", "x5", "x6"],
     "params": {"max_depth": 4, "eta": 0.25, "reg_lambda": 0.0, "reg_alpha": 0.7, "min_child_weight": 0.0, "base_score": 0.0, "gamma": 0.0}, "rounds": 20},
    {"name": "synthetic_weighted", "data": "synthetic.csv", "target": "y", "features": ["x1", "x2", "x3", "x4", "x5", "x6"], "weight": "w",
     "params": {"max_depth": 5, "eta": 0.3, "reg_lambda": 1.5, "min_child_weight": 4.0, "base_score": 2.0, "gamma": 0.2}, "rounds": 25},
    {"name": "grunfeld", "data": "grunfeld.csv", "target": "inv", "features": ["value", "capital", "firm", "year"],
     "params": {"max_depth": 4, "eta": 0.2, "reg_lambda": 1.0, "min_child_weight": 2.0, "base_score": 100.0, "gamma": 200.0}, "rounds": 40},
]

out = {"xgboost_version": xgb.__version__, "numpy_version": np.__version__, "cases": []}
for case in CASES:
    df = pd.read_csv(case["data"])
    X = df[case["features"]].to_numpy(dtype=np.float64)
    yv = df[case["target"]].to_numpy(dtype=np.float64)
    wv = df[case["weight"]].to_numpy(dtype=np.float64) if "weight" in case else None
    d = xgb.DMatrix(X, label=yv, weight=wv, feature_names=case["features"])
    params = {"tree_method": "exact", "objective": "reg:squarederror", "nthread": 1, "subsample": 1.0,
              "colsample_bytree": 1.0, **case["params"]}
    bst = xgb.train(params, d, case["rounds"])
    model = json.loads(bst.save_raw("json"))
    trees = []
    for t in model["learner"]["gradient_booster"]["model"]["trees"]:
        trees.append({k: t[k] for k in ["left_children", "right_children", "split_indices", "split_conditions",
                                         "default_left", "loss_changes", "sum_hessian", "base_weights"]})
    pred = bst.predict(d).astype(np.float64).tolist()
    contribs = bst.predict(d, pred_contribs=True).astype(np.float64).tolist()
    d25 = xgb.DMatrix(X[:25], label=yv[:25], feature_names=case["features"])
    inter = bst.predict(d25, pred_interactions=True).astype(np.float64).tolist()
    imp = {k: bst.get_score(importance_type=k) for k in ["weight", "gain", "cover", "total_gain", "total_cover"]}
    out["cases"].append({**case, "xgb_params": params, "trees": trees, "dump": bst.get_dump(with_stats=True) if case is CASES[0] else None,
                         "predictions": pred, "importance": imp, "contribs": contribs, "interactions25": inter})

with open("expected.json", "w") as f:
    json.dump(out, f)
print("wrote expected.json:", [c["name"] for c in out["cases"]])
