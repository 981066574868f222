"""knowledge/ read and validated into typed objects, and answers to practice questions from it."""
