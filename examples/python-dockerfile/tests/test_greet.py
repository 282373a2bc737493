import unittest

from app.greet import greet


class GreetTest(unittest.TestCase):
    def test_greets_by_name(self):
        self.assertEqual(greet("sandbox"), "hello, sandbox")


if __name__ == "__main__":
    unittest.main()
