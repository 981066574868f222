"""The FAQ topic selector (rasa_ext/faq_selector.py), trained on a tiny invented data set with
Rasa's own tokenizer and count-vector featurizers, as the pipeline runs them: it predicts the
topic of a new question, writes the same `response_selector` keys as Rasa's ResponseSelector,
persists to Rasa's model storage and loads back to the same predictions."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.faq_selector import FaqSelector

TOPICS = {
    "faq/home_visits": [
        "how do I plan a home visit",
        "what should I look at on a home visit",
        "tips for a home visit",
        "home visit checklist",
        "preparing for a home visit",
    ],
    "faq/chronology": [
        "how do I write a chronology",
        "what goes in a chronology",
        "chronology template",
        "why keep a chronology",
        "help with a chronology",
    ],
    "faq/neglect_types": [
        "what are the types of neglect",
        "list the kinds of neglect",
        "types of neglect please",
        "what kinds of neglect are there",
        "explain neglect types",
    ],
}
RESPONSES = {f"utter_{k}": [{"text": f"Answer about {k.split('/')[1]}."}] for k in TOPICS}


def context(name: str) -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name=name)


@pytest.fixture()
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


@pytest.fixture()
def featurizers(storage):
    tokenizer = WhitespaceTokenizer.create(
        WhitespaceTokenizer.get_default_config(), storage, Resource("tok"), context("run_WhitespaceTokenizer0")
    )
    words = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("cv1"), context("run_CountVectorsFeaturizer1")
    )
    chars = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
        storage,
        Resource("cv2"),
        context("run_CountVectorsFeaturizer2"),
    )
    return tokenizer, words, chars


def training_data() -> TrainingData:
    examples = [
        Message(data={"text": text, "intent": "faq", "intent_response_key": key})
        for key, texts in TOPICS.items()
        for text in texts
    ]
    examples += [Message(data={"text": t, "intent": "greet"}) for t in ("hello", "hi there", "good morning")]
    return TrainingData(examples, responses=RESPONSES)


def featurize_training(data: TrainingData, featurizers) -> None:
    tokenizer, words, chars = featurizers
    tokenizer.process_training_data(data)
    for f in (words, chars):
        f.train(data)
        f.process_training_data(data)


def messages(texts: list[str], featurizers, faq_confidence: float = 1.0) -> list[Message]:
    tokenizer, words, chars = featurizers
    found = [Message(data={"text": t}) for t in texts]
    for m in found:
        m.set("intent", {"name": "faq", "confidence": faq_confidence})
        m.set("intent_ranking", [{"name": "faq", "confidence": faq_confidence}])
    for component in featurizers:
        component.process(found)
    return found


def trained(storage, featurizers, **config) -> FaqSelector:
    data = training_data()
    featurize_training(data, featurizers)
    selector = FaqSelector.create(
        {**FaqSelector.get_default_config(), **config}, storage, Resource("faq_selector"), context("train_faq")
    )
    selector.train(data)
    return selector


def test_predicts_the_topic_with_rasas_response_selector_keys(storage, featurizers):
    selector = trained(storage, featurizers)
    [m] = selector.process(messages(["what are the different kinds of neglect"], featurizers))
    out = m.as_dict(only_output_properties=True)["response_selector"]
    assert out["all_retrieval_intents"] == ["faq"]
    response = out["faq"]["response"]
    assert set(response) == {"responses", "confidence", "intent_response_key", "utter_action"}
    assert response["intent_response_key"] == "faq/neglect_types"
    assert response["utter_action"] == "utter_faq/neglect_types"
    assert response["responses"] == RESPONSES["utter_faq/neglect_types"]
    ranking = out["faq"]["ranking"]
    assert [r["intent_response_key"] for r in ranking][0] == "faq/neglect_types"
    assert {r["intent_response_key"] for r in ranking} == set(TOPICS)
    assert all(set(r) == {"confidence", "intent_response_key", "score"} for r in ranking)
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True)
    # the SVM's decision values, in the same order (the softmax keeps it); the top one claims the message
    scores = [r["score"] for r in ranking]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0 > scores[-1]
    assert confidences[0] == response["confidence"] > 1 / len(TOPICS)
    assert sum(confidences) == pytest.approx(1.0)


def test_each_topic_is_found_from_a_new_phrasing(storage, featurizers):
    selector = trained(storage, featurizers)
    asked = {
        "faq/home_visits": "planning my first home visit",
        "faq/chronology": "what do I put in the chronology",
        "faq/neglect_types": "neglect: what types are there",
    }
    found = selector.process(messages(list(asked.values()), featurizers))
    got = [m.get("response_selector")["faq"]["response"]["intent_response_key"] for m in found]
    assert got == list(asked)


def test_ranking_length_limits_the_ranking(storage, featurizers):
    selector = trained(storage, featurizers, ranking_length=2)
    [m] = selector.process(messages(["chronology template please"], featurizers))
    assert len(m.get("response_selector")["faq"]["ranking"]) == 2


def test_persists_and_loads_to_the_same_predictions(storage, featurizers):
    selector = trained(storage, featurizers)
    texts = ["home visit tips", "chronology help", "what neglect types exist", "hello"]
    before = [m.get("response_selector") for m in selector.process(messages(texts, featurizers))]
    loaded = FaqSelector.load(FaqSelector.get_default_config(), storage, Resource("faq_selector"), context("run_faq"))
    after = [m.get("response_selector") for m in loaded.process(messages(texts, featurizers))]
    assert [a["faq"]["response"]["intent_response_key"] for a in after] == [
        b["faq"]["response"]["intent_response_key"] for b in before
    ]
    for a, b in zip(after, before, strict=True):
        assert a["faq"]["response"]["confidence"] == pytest.approx(b["faq"]["response"]["confidence"], rel=1e-5)


def test_min_faq_confidence_skips_messages_unlikely_to_be_faq(storage, featurizers):
    selector = trained(storage, featurizers, min_faq_confidence=0.05)
    [low] = selector.process(messages(["chronology template"], featurizers, faq_confidence=0.01))
    [high] = selector.process(messages(["chronology template"], featurizers, faq_confidence=0.2))
    assert low.get("response_selector") is None
    assert high.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/chronology"


def test_no_topics_to_choose_from_gives_no_prediction(storage, featurizers):
    data = TrainingData([Message(data={"text": t, "intent": "greet"}) for t in ("hello", "hi there")])
    featurize_training(data, featurizers)
    selector = FaqSelector.create(FaqSelector.get_default_config(), storage, Resource("empty"), context("train_faq"))
    selector.train(data)
    loaded = FaqSelector.load(FaqSelector.get_default_config(), storage, Resource("empty"), context("run_faq"))
    for component in (selector, loaded):
        [m] = component.process(messages(["hello"], featurizers))
        assert m.get("response_selector") is None


def test_two_topics_are_told_apart(storage, featurizers):
    # scikit-learn keeps one decision function for two classes: both topics must still be ranked
    data = TrainingData(
        [
            Message(data={"text": text, "intent": "faq", "intent_response_key": key})
            for key in ("faq/home_visits", "faq/chronology")
            for text in TOPICS[key]
        ],
        responses=RESPONSES,
    )
    featurize_training(data, featurizers)
    selector = FaqSelector.create(FaqSelector.get_default_config(), storage, Resource("two"), context("train_faq"))
    selector.train(data)
    found = selector.process(messages(["chronology please", "a home visit"], featurizers))
    selected = [m.get("response_selector")["faq"] for m in found]
    assert [s["response"]["intent_response_key"] for s in selected] == ["faq/chronology", "faq/home_visits"]
    for s in selected:
        assert len(s["ranking"]) == 2
        assert sum(r["confidence"] for r in s["ranking"]) == pytest.approx(1.0)
        assert s["response"]["confidence"] > 0.5
