"""When and how long to wait before repeating a request: exponential backoff with jitter."""

import logging
import random
import time

logger = logging.getLogger(__name__)


class Retry:
    def __init__(self, retries, backoff, max_wait, sleep=time.sleep):
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep

    def wait(self, attempt, what, server_says=None):
        """Sleep before retry number ``attempt`` (0-based); False when the run should give up instead."""
        if attempt >= self.retries:
            return False
        if server_says is not None:
            delay = max(0.0, float(server_says))
        else:
            ceiling = self.backoff * 2**attempt
            delay = random.uniform(ceiling / 2, ceiling)  # jitter: concurrent clients spread out
        if delay > self.max_wait:
            logger.warning(
                "%s: the service asks to wait %.0fs, longer than max_wait (%.0fs)",
                what,
                delay,
                self.max_wait,
            )
            return False
        logger.info(
            "%s: retrying in %.1fs (retry %d of %d)", what, delay, attempt + 1, self.retries
        )
        self.sleep(delay)
        return True
