"""Letter classification: features, training, the model file format, prediction, explanation.

Training uses scikit-learn; prediction needs numpy only for large batches (a few letters are
scored in plain Python), so ``xfnlp tag`` starts fast and a model trained with one scikit-learn
version keeps working with the next.
"""

from .model import Model, load_model, default_model_dir

__all__ = ["Model", "load_model", "default_model_dir"]
