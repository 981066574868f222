"""A message that is word for word one of the training examples gets that example's intent (issue 18,
point 2), as an NLU component after the danger and question-route components and before the
fallback classifier.

DIET underfits the shortest examples whose words are shared across intents: "ok" (an `affirm`
example; "ok bye" and "ok see ya" are goodbyes) came out at affirm 0.37, "ta" (a `thank` example;
"ta ra" is a goodbye) at thank 0.43, so both fell back under the 0.45 threshold although the
training data says what each means. Measured on the dev routing sets (routing_dev..dev5) with
model-6382a93faf26e180: 11 of their 202 misses were a training example word for word, each of the
intent the set gives it, and none of their right answers was an example of another intent.

The comparison is of the whole message, lower case, runs of white space made one and the end's
full stops and exclamation marks dropped ("Ta!" is "ta"). A text that is an example of two intents
is left to the classifier. A `faq` example counts only when the response selector already chose
its topic (the article stays the selector's choice). The classifier's intent stands when the
command or danger rules read the message (`command_rule`, `danger_rule`): their decisions come
first. The intent chosen here has confidence 1.0 and leads the ranking; `known_example` in the
parse data names the intent the classifier had given.

A slip of a short example (session 9): a message of at most `near_words` words that the classifier
gave less than `near_below` (the fallback classifier's threshold: it would fall back) and that is
one typing slip from an example (`near_distance`: one letter added, dropped, changed or two swapped;
two for a message longer than six letters), with the same first letter, gets that example's intent
when every example that near is of one intent and not `faq` ("yse" for "yes", "manu" for "menu").
The forms compared drop punctuation and apostrophes. Measured on the dev routing sets
(routing_dev..dev5) with model-d9d659551592fed1: of their 37 messages that fell back, 10 were such
a slip, 9 of the intent the set gives them (the tenth, "paws", is as near "pass", a skip).
`near_example` in the parse data names the intent the classifier had given.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.component_base import typed_text

FILE = "known_examples.json"
NEAR_FILE = "near_examples.json"
RETRIEVAL = "faq"
DEFAULTS = {"near_below": 0.45, "near_words": 4, "near_distance": [1, 2], "near_long": 6}


def key(text: str) -> str:
    """The form compared: lower case, one space between words, no full stop or "!" at the end."""
    return re.sub(r"[.!\s]+$", "", " ".join((text or "").lower().replace("\u2019", "'").split()))


def labels_of(training_data: TrainingData) -> dict[str, str]:
    """Each example's form -> its label (the intent, or `faq/<topic>`), for the forms of one label only."""
    seen: dict[str, set[str]] = {}
    for example in training_data.intent_examples:
        text, intent = example.get(TEXT), example.get(INTENT)
        if not text or not intent:
            continue
        label = example.get(INTENT_RESPONSE_KEY) or intent
        seen.setdefault(key(text), set()).add(label)
    return {form: next(iter(labels)) for form, labels in seen.items() if len(labels) == 1 and form}


def near_form(text: str) -> str:
    """The form compared for a slip: lower case, no punctuation or apostrophe, one space between words."""
    text = (text or "").lower().replace("\u2019", "").replace("'", "")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def near_labels_of(training_data: TrainingData) -> dict[str, list[str]]:
    """Each example's slip form -> all its labels (an example of two labels stays, to be seen as two)."""
    seen: dict[str, set[str]] = {}
    for example in training_data.intent_examples:
        text, intent = example.get(TEXT), example.get(INTENT)
        if not text or not intent:
            continue
        form = near_form(text)
        if form:
            seen.setdefault(form, set()).add(example.get(INTENT_RESPONSE_KEY) or intent)
    return {form: sorted(labels) for form, labels in seen.items()}


def slips(a: str, b: str) -> int:
    """Typing slips between two forms: letters added, dropped or changed, two neighbours swapped."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


def near_label(text: str, near: dict[str, list[str]], config: dict[str, Any]) -> str | None:
    """The one intent of every example nearest a short message, within the slips allowed, else None."""
    form = near_form(text)
    if len(form) < 3 or len(form.split()) > int(config["near_words"]):
        return None
    short, long_ = (int(n) for n in config["near_distance"])
    allowed = short if len(form) <= int(config["near_long"]) else long_
    best, labels = allowed + 1, set()
    for other, its in near.items():
        if other[:1] != form[:1] or abs(len(other) - len(form)) > allowed:
            continue
        d = slips(form, other)
        if d < best:
            best, labels = d, set(its)
        elif d == best:
            labels.update(its)
    if best > allowed or len(labels) != 1:
        return None
    label = next(iter(labels))
    return None if label.split("/", 1)[0] == RETRIEVAL else label


def selected_topic(message: Message) -> str | None:
    """The response selector's choice for a `faq` message (`faq/<topic>`)."""
    selector = (message.get("response_selector") or {}).get(RETRIEVAL) or {}
    return (selector.get("response") or {}).get("intent_response_key")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class KnownExample(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return dict(DEFAULTS)

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        labels: dict[str, str] | None = None,
        near: dict[str, list[str]] | None = None,
        config: dict[str, Any] | None = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.labels = labels or {}
        self.near = near or {}
        self.config = {**DEFAULTS, **(config or {})}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnownExample:
        return cls(model_storage, resource, config=config)

    def train(self, training_data: TrainingData) -> Resource:
        self.labels = labels_of(training_data)
        self.near = near_labels_of(training_data)
        with self._model_storage.write_to(self._resource) as directory:
            Path(directory, FILE).write_text(json.dumps(self.labels, sort_keys=True), encoding="utf-8")
            Path(directory, NEAR_FILE).write_text(json.dumps(self.near, sort_keys=True), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> KnownExample:
        labels: dict[str, str] = {}
        near: dict[str, list[str]] = {}
        try:
            with model_storage.read_from(resource) as directory:
                labels = json.loads(Path(directory, FILE).read_text(encoding="utf-8"))
                if Path(directory, NEAR_FILE).exists():  # a model trained before session 9 has none
                    near = json.loads(Path(directory, NEAR_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):  # nothing was persisted: change nothing
            pass
        return cls(model_storage, resource, labels, near, config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = typed_text(message)
            if text is not None:
                self.process_text(message, text)
        return messages

    def process_text(self, message: Message, text: str) -> None:
        label = self.labels.get(key(text))
        intent = message.get(INTENT) or {}
        if message.get("command_rule") or message.get("danger_rule"):
            return
        if label is None:
            if float(intent.get("confidence") or 0.0) < float(self.config["near_below"]):
                self.process_slip(message, text, intent)
            return
        name = label.split("/", 1)[0]
        if name == RETRIEVAL and selected_topic(message) != label:
            return
        if intent.get("name") == name and float(intent.get("confidence") or 0.0) >= 1.0:
            return
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != name]
        chosen = {"name": name, "confidence": 1.0}
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        message.set("known_example", intent.get("name"), add_to_output=True)

    def process_slip(self, message: Message, text: str, intent: dict) -> None:
        label = near_label(text, self.near, self.config)
        if label is None:
            return
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != label]
        chosen = {"name": label, "confidence": 1.0}
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        message.set("near_example", intent.get("name"), add_to_output=True)
