"""What each service accepts: every length limit the newsletter must respect, one class per service.

Each value is the documented limit, with the page that documents it beside it. Where a service
documents no limit, the comment says so and why the value was chosen; tests/newsletter's fakes
enforce every one of these.
"""


class Mailchimp:
    # The Marketing API reference declares these fields as plain strings with no maxLength
    # (https://mailchimp.com/developer/marketing/api/campaigns/add-campaign/); the API answers
    # 400 above 150 characters for the subject line (observed, as in
    # https://github.com/VulcanJS/Vulcan/pull/783). The other three are not documented anywhere:
    # we keep them at that same 150, counted in UTF-16 code units (at least what any counter sees).
    SUBJECT_LINE = 150  # https://mailchimp.com/developer/marketing/api/campaigns/add-campaign/
    PREVIEW_TEXT = (
        150  # https://mailchimp.com/developer/marketing/api/campaigns/add-campaign/ (undocumented)
    )
    TITLE = (
        150  # https://mailchimp.com/developer/marketing/api/campaigns/add-campaign/ (undocumented)
    )
    FROM_NAME = (
        100  # https://mailchimp.com/developer/marketing/api/campaigns/add-campaign/ (undocumented)
    )
    REPLY_TO = 254  # an email address: https://www.rfc-editor.org/errata/eid1690 (RFC 3696 errata)


class X:
    # X counts a weighted length: URLs 23, CJK and emoji 2 (twitter-text implements it).
    TEXT = 280  # https://docs.x.com/fundamentals/counting-characters


class Buttondown:
    SUBJECT = 2000  # https://docs.buttondown.com/api-emails-create (EmailInput.subject maxLength)
    SLUG = 100  # https://docs.buttondown.com/api-emails-create (EmailInput.slug maxLength, [a-zA-Z0-9_-])
    CANONICAL_URL = (
        2000  # https://docs.buttondown.com/api-emails-create (EmailInput.canonical_url maxLength)
    )
    IDEMPOTENCY_KEY = 200  # https://docs.buttondown.com/api-idempotency-keys (X-Idempotency-Key)
    # description: no maxLength in the reference; we send the preview text, held to this length.
    DESCRIPTION = 500  # https://docs.buttondown.com/api-emails-create (undocumented: our choice)
    REQUESTS_PER_MINUTE = 600  # https://docs.buttondown.com/api-rate-limits


class Bluesky:
    TEXT_GRAPHEMES = (
        300  # https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
    )
    TEXT_BYTES = 3000  # same lexicon: maxLength of a lexicon string counts UTF-8 bytes
    # app.bsky.embed.external gives title and description no limit; we hold the card's description
    # to the post text's own grapheme limit so no client has to cut it.
    CARD_DESCRIPTION_GRAPHEMES = 300  # https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/external.json
    CARD_TITLE_GRAPHEMES = 300  # same lexicon (undocumented: our choice)
    RKEY = 512  # https://atproto.com/specs/record-key (1 to 512 characters)


class Mastodon:
    # The default of Mastodon's software; each instance announces its own in
    # configuration.statuses.max_characters, which the client reads when it can.
    STATUS = 500  # https://docs.joinmastodon.org/user/posting/#text
    CHARACTERS_PER_URL = (
        23  # https://docs.joinmastodon.org/entities/Instance/#characters_reserved_per_url
    )
