"""Text conversions of budget documents: markdown pipe tables, HTML inside cells."""

from pipeline.extract.readers.text.reader import TextReader, split_pipe_row, text_to_reading

READER = TextReader()

__all__ = ["READER", "TextReader", "split_pipe_row", "text_to_reading"]
