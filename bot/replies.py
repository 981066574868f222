"""What the core says back: plain text with optional buttons, for any channel."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    image: str | None = None

    def as_dict(self) -> dict:
        out: dict = {"text": self.text}
        if self.buttons:
            out["buttons"] = [{"title": b.title, "payload": b.payload} for b in self.buttons]
        if self.image:
            out["image"] = self.image
        return out


DISCLAIMER = ("This is decision support, not a decision: your local procedures and your professional judgement, "
              "with your safeguarding lead or supervisor, come first.")
