#!/usr/bin/env python3
"""Times scikit-learn's random forest on the Statlog files bench/statlog_data.py writes.

Usage: python3 bench/rf_statlog.py DIR [--intelex] [--repeats N] [--jobs N] [--trees N] [--seed N]

The peer of bench.sh item 7. Fit is timed with out-of-bag evaluation (oob_score=True), as
`classify train` always evaluates out of bag; predict is 1,000,000 rows already in memory
(no file reading or writing, which `classify predict` includes). --intelex patches
scikit-learn with scikit-learn-intelex (sklearnex) first. Prints best-of-N times, tree
sizes and the test accuracy.
"""
import argparse

import numpy as np

from forest_files import load_forest_files
from timing import best_of


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--intelex", action="store_true")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--trees", type=int, default=500)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.intelex:
        import sklearnex

        sklearnex.patch_sklearn(verbose=False)
    import sklearn
    from sklearn.ensemble import RandomForestClassifier

    label = f"scikit-learn {sklearn.__version__}"
    if args.intelex:
        from importlib.metadata import version

        label = f"scikit-learn-intelex {version('scikit-learn-intelex')} (scikit-learn {sklearn.__version__})"

    train_x, train_y, test_x, test_y, bulk_x = load_forest_files(args.directory)

    def fit():
        forest = RandomForestClassifier(n_estimators=args.trees, n_jobs=args.jobs, random_state=args.seed, oob_score=True)
        return forest.fit(train_x, train_y)

    fit_best, fit_all, forest = best_of(args.repeats, fit)
    test_accuracy = float((forest.predict(test_x) == test_y).mean())
    predict_best, predict_all, _ = best_of(args.repeats, lambda: forest.predict(bulk_x))

    def row(name, value):
        print(f"{name:<40}{value}")

    print(f"{label}, {args.trees} trees, n_jobs={args.jobs}, best of {args.repeats}")
    row("fit with OOB", f"{fit_best:.3f} s  (all: {', '.join(f'{t:.3f}' for t in fit_all)})")
    row(f"predict {len(bulk_x)} rows", f"{predict_best:.3f} s  (all: {', '.join(f'{t:.3f}' for t in predict_all)})")
    row("OOB accuracy", f"{forest.oob_score_:.4f}")
    row("test accuracy", f"{test_accuracy:.4f}")
    estimators = getattr(forest, "estimators_", None)
    if estimators and hasattr(estimators[0], "tree_"):
        leaves = np.mean([e.tree_.n_leaves for e in estimators])
        depth = np.mean([e.tree_.max_depth for e in estimators])
        row("mean leaves / mean depth", f"{leaves:.1f} / {depth:.1f}")


if __name__ == "__main__":
    main()
