"""The walkthroughs: the guided check, reflective supervision and training.

bot/walks/engine.py runs one turn of any walk, once for all three: the record must still be
running, one danger policy, the shared command rule (why, skip, back, pause, stop inside the
walk; menu, resume, start again, help, my cases, my progress handed to bot.walks.moves.Walks),
one policy for practice questions asked mid-walk, one database session a turn, and the
feedback and the next prompt together. Each walk (bot/walks/check.py, bot/walks/supervision.py,
bot/walks/training.py) handles only its own stages.
"""
