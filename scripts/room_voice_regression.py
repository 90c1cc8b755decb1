"""The room-voice probe's regression, shared by scripts/turn-taking-state-probe.py (steps 32-33) and
scripts/train-room-voice-probe.py (step 37): logistic, balanced classes, a little L2, plain gradient descent."""
import numpy as np


def fit(positives, negatives):
    """Bias and weights of a score over the features as given (the normalisation folded in): above 0, a positive."""
    x = np.r_[positives, negatives]
    y = np.r_[np.ones(len(positives)), np.zeros(len(negatives))]
    mean, spread = x.mean(0), x.std(0) + 1e-6
    xn = (x - mean) / spread
    weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(3000):
        gradient = (1 / (1 + np.exp(-(xn @ w + b))) - y) * weight
        w -= 0.1 * (xn.T @ gradient / len(y) + 1e-3 * w)
        b -= 0.1 * gradient.mean()
    return b - np.sum(w * mean / spread), w / spread
