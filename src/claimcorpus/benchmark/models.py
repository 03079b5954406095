"""The learned baselines' models (scikit-learn), fixed before seeing any result; no tuning."""

from __future__ import annotations

SEED = 0


def tfidf_logreg():
    """Word uni- and bigram TF-IDF + class-balanced logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                         LogisticRegression(max_iter=5000, class_weight="balanced", random_state=SEED))


#: lbfgs stopping tolerance of the embedding model. With scikit-learn's default (1e-4) lbfgs stops
#: early at a point that depends on the last bits of the float32 embeddings, which differ between
#: CPUs (by ~5e-7 relative, measured with other torch/MKL kernels): predictions changed. At 1e-8 it
#: runs until the loss stops decreasing in float64, i.e. to the (unique) optimum, and no prediction
#: moved under perturbations of the embeddings up to 1e-4 relative.
EMBEDDING_TOL = 1e-8


def embedding_logreg():
    """Standardised sentence embeddings + class-balanced logistic regression, fitted to convergence."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000, tol=EMBEDDING_TOL,
                                                              class_weight="balanced", random_state=SEED))
