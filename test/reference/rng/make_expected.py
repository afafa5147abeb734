#!/usr/bin/env python3
"""Expected draws for kernel-lib's rng, from NumPy's legacy RandomState (Debian python3-numpy): the same
MT19937 seeding (init_genrand), random_sample, standard_normal (polar method), randint and shuffle."""
import json
import numpy as np

out = {"numpy_version": np.__version__, "cases": []}
for seed in [0, 1, 42, 20260117, 4294967295]:
    rs = np.random.RandomState(seed)
    rs = np.random.RandomState(seed)
    uniform = rs.random_sample(8).tolist()
    rs = np.random.RandomState(seed)
    normal = rs.standard_normal(9).tolist()
    rs = np.random.RandomState(seed)
    ints = [int(rs.randint(0, 10)) for _ in range(6)] + [int(rs.randint(-5, 1000)) for _ in range(6)]
    rs = np.random.RandomState(seed)
    arr = list(range(20))
    rs.shuffle(arr)
    rs = np.random.RandomState(seed)
    perm = rs.permutation(7).tolist()
    out["cases"].append({"seed": seed, "uniform": uniform, "normal": normal, "integers": ints, "shuffle20": arr, "permutation7": perm})
with open("expected.json", "w") as f:
    json.dump(out, f, indent=1)
