"""Publishing: the vacancies website built from the output folder.

Takes built documents and views; gives a static site (and, later, vacancies sent to job boards).
"""
