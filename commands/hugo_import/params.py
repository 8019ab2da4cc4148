"""The site parameters of a Hugo configuration (``params``) → content/data/params.yaml.

Hugo's ``{{< param key >}}`` and ``.Site.Params`` read them; here the ``param`` shortcode reads
them from that data file. Keys are lower case, as Hugo reads them.
"""

import os

import yaml

TARGET = "data/params.yaml"


def plan_params(source, config, plan, report):
    params = config.get("params")
    if not isinstance(params, dict) or not params:
        return
    if TARGET in plan:  # the Hugo site has a data file of that name: it stays as it is
        report.warnings.append(
            f"{os.path.join(source, 'data', 'params.yaml')}:1: a data file named params: the "
            "configuration's params are not imported (the param shortcode reads this file instead)"
        )
        return
    plan[TARGET] = yaml.safe_dump(params, sort_keys=False, allow_unicode=True, width=1000).encode()
    report.counts["data"]["site params (data/params.yaml)"] += 1
