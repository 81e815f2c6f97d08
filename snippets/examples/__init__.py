"""Each page's code as its reader runs it: one module per page, in the page's order.

A module holds the page's ``setup`` section (the imports the page shows once, near its
top) and the calls that show each definition of the page at work, one section per code
block. The page itself shows the definitions; the module imports them (outside its
sections), so that ``python -m snippets.examples.<page>`` runs and prints what the page
shows. The build runs the blocks of the built page itself and puts what each printed
under it (``snippets.sitebuild.pagecode``).
"""
