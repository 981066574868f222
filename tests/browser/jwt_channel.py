"""A second instance of the widget's channel for the browser tests, so one Rasa server runs
the channel both ways: without JWT (`/socket.io`) and with it (this class, on the path the
test credentials give, e.g. `/jwt/socket.io`). Rasa keys channels by class, hence a subclass."""

from rasa_ext.socketio import WebChatInput


class JwtWebChatInput(WebChatInput):
    @classmethod
    def name(cls) -> str:
        return "web_jwt"
