"""The random-forest benchmark's data files, shared by the Python peers (items 4 and 7).

RandomForestBench and bench/statlog_data.py write them: float32 rows of 36 features
(`*_X.f32`) and int32 class codes (`*_y.i32`). Imports nothing from scikit-learn, so that
scikit-learn-intelex can patch it before it loads.
"""
import os

import numpy as np

FEATURES = 36


def load_forest_files(directory):
    """(train_x, train_y, test_x, test_y, predict_x) from `directory`."""

    def load(name, dtype):
        values = np.fromfile(os.path.join(directory, name), dtype=dtype)
        return values.reshape(-1, FEATURES) if dtype == np.float32 else values

    return (
        load("train_X.f32", np.float32),
        load("train_y.i32", np.int32),
        load("test_X.f32", np.float32),
        load("test_y.i32", np.int32),
        load("predict_X.f32", np.float32),
    )
