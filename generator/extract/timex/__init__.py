"""Rule-based TimeML TIMEX3 tagger for English news: `tag`, `Timex`, `to_timeml`."""

from generator.extract.timex.model import Timex
from generator.extract.timex.tagger import tag
from generator.extract.timex.timeml import to_timeml

__all__ = ["Timex", "tag", "to_timeml"]
