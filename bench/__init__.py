"""``make bench``: the dashboard, the exports, the ETL and the news extraction measured side by
side in one run on a synthetic store of a million articles (see docs/performance.md).

bench/synthetic.py builds the synthetic stores (cached under var/bench/, never the default
database); bench/run.py serves them with gunicorn, drives them over HTTP and checks the budgets.
"""
