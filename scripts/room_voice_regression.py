"""The room-voice probe's regression, shared by scripts/turn-taking-state-probe.py (steps 32-33) and
scripts/train-room-voice-probe.py (step 37): logistic, balanced classes, a little L2, plain gradient descent."""
import numpy as np


def examples(positives, negatives):
    """Labels, the features standardised (with their mean and spread) and weights that balance the two classes."""
    x = np.r_[positives, negatives]
    y = np.r_[np.ones(len(positives)), np.zeros(len(negatives))]
    mean, spread = x.mean(0), x.std(0) + 1e-6
    weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    return y, (x - mean) / spread, mean, spread, weight


def fit(positives, negatives):
    """Bias and weights of a score over the features as given (the normalisation folded in): above 0, a positive."""
    y, xn, mean, spread, weight = examples(positives, negatives)
    w, b = np.zeros(xn.shape[1]), 0.0
    for _ in range(3000):
        gradient = (1 / (1 + np.exp(-(xn @ w + b))) - y) * weight
        w -= 0.1 * (xn.T @ gradient / len(y) + 1e-3 * w)
        b -= 0.1 * gradient.mean()
    return b - np.sum(w * mean / spread), w / spread


def fit_mlp(positives, negatives, hidden, decay, epochs=15, seed=0, linear_tail=0):
    """A one-hidden-layer network (ReLU, Adam, balanced classes) over the same features (docs/turn-taking.md step 41):
    a function from features to a score, above 0 a positive. The last linear_tail features skip the hidden layer and
    add to the score linearly, so the rest's part of the score can be computed apart from them."""
    y, xn, mean, spread, weight = examples(positives, negatives)
    into = xn.shape[1] - linear_tail
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, into ** -0.5, (into, hidden)), np.zeros(hidden),
              rng.normal(0, hidden ** -0.5, hidden), np.zeros(1), np.zeros(linear_tail)]

    def forward(inputs):
        hidden_out = np.maximum(inputs[:, :into] @ params[0] + params[1], 0)
        return hidden_out, hidden_out @ params[2] + params[3][0] + inputs[:, into:] @ params[4]

    first, second = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    step = 0
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for at in range(0, len(y), 256):
            batch = order[at:at + 256]
            inputs = xn[batch]
            hidden_out, z = forward(inputs)
            error = (1 / (1 + np.exp(-z)) - y[batch]) * weight[batch] / len(batch)
            back = np.outer(error, params[2]) * (hidden_out > 0)
            gradients = [inputs[:, :into].T @ back + decay * params[0], back.sum(0),
                         hidden_out.T @ error + decay * params[2], np.array([error.sum()]),
                         inputs[:, into:].T @ error + decay * params[4]]
            step += 1
            for k, gradient in enumerate(gradients):
                first[k] = 0.9 * first[k] + 0.1 * gradient
                second[k] = 0.999 * second[k] + 0.001 * gradient * gradient
                params[k] -= 1e-3 * (first[k] / (1 - 0.9 ** step)) / (np.sqrt(second[k] / (1 - 0.999 ** step)) + 1e-8)
    return lambda features: forward((features - mean) / spread)[1]
