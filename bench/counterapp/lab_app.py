"""The classic StatefulSet lab's counter: read the file, add one, write it back.

No lock and no fsync, exactly as the lab teaches it; the benchmark measures what that costs.
"""
import logging
import os
import socket

from flask import Flask

VISITS_FILE = os.environ.get("VISITS_FILE", "/data/visits")
POD_NAME = os.environ.get("POD_NAME", socket.gethostname())

app = Flask(__name__)
# Request logging off, so that the peer is not slowed down by its console.
logging.getLogger("werkzeug").setLevel(logging.ERROR)


def read_visits():
    try:
        with open(VISITS_FILE) as f:
            return int(f.read())
    except FileNotFoundError:
        return 0


@app.route("/")
def index():
    visits = read_visits() + 1
    with open(VISITS_FILE, "w") as f:
        f.write(str(visits))
    return f"<h1>Hello from {POD_NAME}</h1><p>Visits: {visits}</p>\n"


@app.route("/visits")
def visits():
    return f"{read_visits()}\n"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8080")))
