"""Small learned components trained on our own annotated sets.

The lexicon coder proposes; a learned model, trained on the gold we wrote, decides
where rules written family by family stopped carrying to new text. Models are
plain linear scorers over named features, stored as JSON beside the code, so the
core needs nothing beyond numpy (which spaCy already brings) to train them and
nothing beyond the standard library to use them.
"""

from dyadwatch.learn.linear import LinearModel, cross_validate, train

__all__ = ["LinearModel", "cross_validate", "train"]
