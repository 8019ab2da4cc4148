// html-validate settings for every built page (tests/htmlvalidate/). Rules are
// only relaxed where our output is legitimate HTML, each with the reason.
module.exports = {
  extends: ["html-validate:recommended", "html-validate:document", "html-validate:a11y"],
  rules: {
    // SRI guards files fetched from other hosts; we load none. Our own stylesheet and
    // script use absolute URLs on SITEURL (same origin), which this rule takes for remote.
    "require-sri": "off",
  },
};
