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


def embedding_logreg():
    """Standardised sentence embeddings + class-balanced logistic regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(),
                         LogisticRegression(max_iter=5000, class_weight="balanced", random_state=SEED))
