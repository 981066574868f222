"""The FAQ topic of a practice question (faq/<topic>, knowledge/faq.yml), chosen by a linear
model on the features the pipeline already computes, in place of Rasa's ResponseSelector
(issue 23: that selector was the biggest training cost, ~90 s of ~220, and its 512-wide
input layers put the server ~270 MB over the memory target).

Training: the examples of the retrieval intent (`faq`), their label the `faq/<topic>` key;
the input is each message's sentence-level sparse features from every featurizer before
this component (CountVectorsFeaturizer words and char n-grams; a featurizer with only
token-level features, LexicalSyntacticFeaturizer, is summed over the tokens), each block
weighted by its inverse document frequency over the examples, then scaled to unit length,
so that no featurizer outweighs another by its size. The model is scikit-learn's LinearSVC
(one-vs-rest, fixed random_state), its decision values turned into confidences by a softmax
at a fixed scale: seconds to train on two cores.

Prediction writes what Rasa's ResponseSelector writes (rasa/nlu/selectors/response_selector.py),
so the rules, actions/answers.py, scripts/eval_routing.py and `rasa test nlu` read it
unchanged: `response_selector` = {"all_retrieval_intents": [...], "faq": {"response":
{"responses", "confidence", "intent_response_key", "utter_action"}, "ranking": [{"confidence",
"intent_response_key", "score"}, ...]}}. The confidences are the model's softmax over all topics;
the ranking keeps the top `ranking_length`. Each ranking entry adds, beyond Rasa's keys, `score`:
the SVM's own decision value for the topic (above 0: the topic claims the message; a softmax can
be confident about a message no topic claims, the top of several low scores), which
actions/answers.py reads to keep an article back from a message no topic really claims.

With `min_faq_confidence` above 0, a message whose intent ranking gives `faq` less than that
gets no prediction (the selector is not needed for it); 0 (the default) predicts for every
message, as Rasa's selector does.

Persisted with Rasa's model storage as plain arrays (numpy .npz) and JSON: no pickle.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# the keys of Rasa's selector output (rasa.nlu.constants / rasa.shared.nlu.constants)
PROPERTY = "response_selector"
RETRIEVAL_INTENTS = "all_retrieval_intents"
PREDICTION = "response"
RANKING = "ranking"
RESPONSES = "responses"
UTTER_ACTION = "utter_action"
CONFIDENCE = "confidence"
SCORE = "score"  # ours, not Rasa's: the SVM's decision value
DEFAULT_SELECTOR = "default"

# Rasa's data validation looks for its own ResponseSelector by class and, not finding it, warns
# at every training that the faq/<topic> examples train nothing. They train this component.
warnings.filterwarnings(
    "ignore", message="You have defined training data with examples for training a response selector"
)

MODEL_ARRAYS = "faq_selector.npz"
MODEL_META = "faq_selector.json"


def template_key(intent_response_key: str) -> str:
    """`faq/x` -> `utter_faq/x`, as rasa.shared.nlu.training_data.util does."""
    return f"utter_{intent_response_key}"


def message_blocks(message: Message) -> dict[str, tuple[int, np.ndarray, np.ndarray]]:
    """The message's sparse text features, per featurizer (its origin): (size, column
    indices, values) of its sentence features, or of the sum of its token features when it
    has no sentence features."""
    sentence: dict[str, Any] = {}
    sequence: dict[str, Any] = {}
    for f in message.features:
        if f.attribute != TEXT or not f.is_sparse():
            continue
        origins = f.origin if isinstance(f.origin, list) else [f.origin]
        key = "+".join(str(o) for o in origins)
        (sentence if f.type == "sentence" else sequence)[key] = f.features
    blocks = {}
    for k, v in {**sequence, **sentence}.items():
        coo = v.tocoo()
        columns, where = np.unique(coo.col, return_inverse=True)
        values = np.bincount(where, weights=coo.data.astype(np.float64), minlength=len(columns))
        blocks[k] = (v.shape[1], columns.astype(np.int64), values)
    return blocks


def weighted_row(
    message: Message, origins: list[str], dims: list[int], idf: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The message's input row as (column indices, values): each featurizer's block (left
    out when the message lacks it or its size differs from training) weighted by its idf and
    scaled to unit length, the blocks side by side in the order of `origins`."""
    found = message_blocks(message)
    columns, values, offset = [], [], 0
    for origin, dim, weights in zip(origins, dims, idf, strict=True):
        block = found.get(origin)
        if block is not None and block[0] == dim and len(block[1]):
            v = block[2] * weights[block[1]]
            norm = np.sqrt(np.dot(v, v))
            if norm > 0:
                columns.append(block[1] + offset)
                values.append(v / norm)
        offset += dim
    if not columns:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(columns), np.concatenate(values)


def features_matrix(
    messages: list[Message], origins: list[str], dims: list[int], idf: list[np.ndarray]
) -> scipy.sparse.csr_matrix:
    """The rows of `weighted_row` for the messages, as one sparse matrix."""
    rows = [weighted_row(m, origins, dims, idf) for m in messages]
    indptr = np.cumsum([0] + [len(c) for c, _ in rows])
    columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0)
    return scipy.sparse.csr_matrix((values, columns, indptr), shape=(len(messages), sum(dims)))


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class FaqSelector(GraphComponent):
    @staticmethod
    def required_components() -> list[type]:
        return [Featurizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "retrieval_intent": "faq",
            "C": 1.0,  # inverse regularisation strength of the linear SVM
            # the SVM's decision values are multiplied by this before the softmax: 8 gave the
            # lowest log-loss in 5-fold cross-validation on the training examples (issue 23)
            "scale": 8.0,
            "random_seed": 4242,
            "ranking_length": 10,  # as Rasa's ResponseSelector
            "min_faq_confidence": 0.0,
        }

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: dict[str, Any] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self._coef_rows: np.ndarray | None = None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FaqSelector:
        return cls(config, model_storage, resource)

    # training ---------------------------------------------------------------------------

    def train(self, training_data: TrainingData) -> Resource:
        retrieval_intent = self.config["retrieval_intent"]
        examples = [
            e
            for e in training_data.intent_examples
            if e.get(INTENT) == retrieval_intent and e.get(INTENT_RESPONSE_KEY) and e.features
        ]
        labels = sorted({e.get(INTENT_RESPONSE_KEY) for e in examples})
        meta: dict[str, Any] = {
            "retrieval_intent": retrieval_intent,
            "all_retrieval_intents": sorted(training_data.retrieval_intents),
            "responses": {k: v for k, v in training_data.responses.items()},
            "labels": labels,
        }
        if len(labels) < 2:  # nothing to choose between: the model stays empty, as Rasa's does
            self.model = {**meta, "origins": [], "dims": [], "idf": [], "coef": None, "intercept": None}
            self.persist()
            return self._resource
        blocks = [message_blocks(e) for e in examples]
        origins = sorted({k for b in blocks for k in b})
        dims = [next(b[o][0] for b in blocks if o in b) for o in origins]
        idf = []
        for origin, dim in zip(origins, dims, strict=True):
            present = np.zeros(dim)
            for b in blocks:
                if origin in b:
                    present[b[origin][1]] += 1
            idf.append(np.log((1 + len(blocks)) / (1 + present)) + 1.0)
        x = features_matrix(examples, origins, dims, idf)
        index = {k: i for i, k in enumerate(labels)}
        y = np.array([index[e.get(INTENT_RESPONSE_KEY)] for e in examples])
        clf = self._classifier()
        clf.fit(x, y)
        coef, intercept = clf.coef_, clf.intercept_
        if len(labels) == 2:  # one decision function for two classes: its negation is the other's
            coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
        self._coef_rows = None
        self.model = {
            **meta,
            "origins": origins,
            "dims": dims,
            "idf": idf,
            "coef": coef.astype(np.float32),
            "intercept": intercept.astype(np.float32),
        }
        self.persist()
        return self._resource

    def _classifier(self) -> Any:
        from sklearn.svm import LinearSVC

        return LinearSVC(C=float(self.config["C"]), random_state=int(self.config["random_seed"]))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    # prediction -------------------------------------------------------------------------

    def decisions(self, messages: list[Message]) -> np.ndarray:
        """The SVM's decision value for each topic (model["labels"]) and message."""
        m = self.model
        if self._coef_rows is None:  # one row of class weights per input column
            self._coef_rows = np.ascontiguousarray(m["coef"].T)
        z = np.empty((len(messages), len(m["labels"])))
        for i, message in enumerate(messages):
            columns, values = weighted_row(message, m["origins"], m["dims"], m["idf"])
            z[i] = values @ self._coef_rows[columns] + m["intercept"]
        return z

    def scores(self, messages: list[Message]) -> np.ndarray:
        """The softmax over the topics (model["labels"]) for each message."""
        return softmax(self.decisions(messages) * float(self.config["scale"]))

    def _wanted(self, message: Message) -> bool:
        floor = float(self.config["min_faq_confidence"])
        if floor <= 0:
            return True
        intent = self.model["retrieval_intent"]
        ranking = message.get(INTENT_RANKING_KEY) or [message.get(INTENT) or {}]
        return any(r.get("name") == intent and float(r.get(CONFIDENCE) or 0.0) >= floor for r in ranking)

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.model or self.model.get("coef") is None:
            return messages
        wanted = [m for m in messages if self._wanted(m)]
        if not wanted:
            return messages
        labels = self.model["labels"]
        responses = self.model["responses"]
        decisions = self.decisions(wanted)
        for message, z, probs in zip(wanted, decisions, softmax(decisions * float(self.config["scale"])), strict=True):
            order = np.argsort(-probs, kind="stable")[: int(self.config["ranking_length"])]
            top = labels[int(order[0])]
            prediction = {
                PREDICTION: {
                    RESPONSES: responses.get(template_key(top)) or [{TEXT: top}],
                    CONFIDENCE: float(probs[order[0]]),
                    INTENT_RESPONSE_KEY: top,
                    UTTER_ACTION: template_key(top),
                },
                RANKING: [
                    {CONFIDENCE: float(probs[i]), INTENT_RESPONSE_KEY: labels[int(i)], SCORE: round(float(z[i]), 4)}
                    for i in order
                ],
            }
            properties = message.get(PROPERTY, {})
            properties[RETRIEVAL_INTENTS] = self.model["all_retrieval_intents"]
            properties[self.model["retrieval_intent"] or DEFAULT_SELECTOR] = prediction
            message.set(PROPERTY, properties, add_to_output=True)
        return messages

    # persistence ------------------------------------------------------------------------

    def persist(self) -> None:
        m = self.model
        with self._model_storage.write_to(self._resource) as directory:
            meta = {
                k: m[k] for k in ("retrieval_intent", "all_retrieval_intents", "responses", "labels", "origins", "dims")
            }
            Path(directory, MODEL_META).write_text(json.dumps(meta), encoding="utf-8")
            arrays: dict[str, np.ndarray] = {f"idf_{i}": v for i, v in enumerate(m["idf"])}
            if m.get("coef") is not None:
                arrays.update(coef=m["coef"], intercept=m["intercept"])
            np.savez(Path(directory, MODEL_ARRAYS), **arrays)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> FaqSelector:
        try:
            with model_storage.read_from(resource) as directory:
                meta = json.loads(Path(directory, MODEL_META).read_text(encoding="utf-8"))
                with np.load(Path(directory, MODEL_ARRAYS)) as arrays:
                    model = {
                        **meta,
                        "idf": [arrays[f"idf_{i}"] for i in range(len(meta["origins"]))],
                        "coef": None,
                        "intercept": None,
                    }
                    if "coef" in arrays:
                        model["coef"] = arrays["coef"]
                        model["intercept"] = arrays["intercept"]
        except ValueError:  # nothing was persisted (no training data): predict nothing
            model = None
        return cls(config, model_storage, resource, model)
