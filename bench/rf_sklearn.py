#!/usr/bin/env python3
"""Times scikit-learn's RandomForestClassifier on the files RandomForestBench writes.

Usage: python3 bench/rf_sklearn.py [DIR] [--repeats N] [--jobs N] [--trees N] [--seed N]
DIR defaults to $TMPDIR/rf-bench. Files (raw little-endian): train_X.f32 (4435x36),
train_y.i32, test_X.f32 (2000x36), test_y.i32, predict_X.f32 (rows x 36).
Prints fit and predict times (best of N) and the held-out test accuracy, to set beside
RandomForestBench's table.
"""
import argparse
import os
import tempfile

import numpy as np

from forest_files import load_forest_files
from timing import best_of
from sklearn.ensemble import RandomForestClassifier


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="?", default=os.path.join(tempfile.gettempdir(), "rf-bench"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--trees", type=int, default=500)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    train_x, train_y, test_x, test_y, bulk_x = load_forest_files(args.directory)

    def fit():
        forest = RandomForestClassifier(n_estimators=args.trees, n_jobs=args.jobs, random_state=args.seed)
        return forest.fit(train_x, train_y)

    fit_best, fit_all, forest = best_of(args.repeats, fit)
    test_accuracy = float((forest.predict(test_x) == test_y).mean())
    predict_best, predict_all, _ = best_of(args.repeats, lambda: forest.predict(bulk_x))
    oob = RandomForestClassifier(n_estimators=args.trees, n_jobs=args.jobs, random_state=args.seed, oob_score=True)
    oob.fit(train_x, train_y)

    def row(label, value):
        print(f"{label:<48}{value}")

    print(f"\nscikit-learn {__import__('sklearn').__version__} RandomForestClassifier, "
          f"{args.trees} trees, n_jobs={args.jobs}, best of {args.repeats}")
    row("fit", f"{fit_best:.3f} s  (all: {', '.join(f'{t:.3f}' for t in fit_all)})")
    row(f"predict {len(bulk_x)} rows", f"{predict_best:.3f} s  (all: {', '.join(f'{t:.3f}' for t in predict_all)})")
    row("OOB accuracy", f"{oob.oob_score_:.4f}")
    row("test accuracy (2000 held-out)", f"{test_accuracy:.4f}")
    top = np.argsort(-forest.feature_importances_)[:4]
    row("top impurity importance",
        ", ".join(f"p{i // 4 + 1}_b{i % 4 + 1} {forest.feature_importances_[i]:.3f}" for i in top))


if __name__ == "__main__":
    main()
