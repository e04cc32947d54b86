"""Conteo físico: the branch manager's tab — scan or type VINs, import a count, compare.

``count_tab`` is the tab (the count on the left), ``count_results`` its right half (what the
comparison found), ``count_model`` their Qt models, ``count_import`` reading a count file.
"""
