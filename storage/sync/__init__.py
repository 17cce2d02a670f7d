"""Team sync: books kept in step through change packets in a shared folder (issue 18).

Each book is a device with an id. What it changes is captured from the change log (and, for
rows written in bulk, from the rows themselves), written as immutable, numbered, encrypted
packet files into ``FOLDER/keyplan-sync/<device>/``, and merged field by field into every
other member's book: the later hybrid logical clock wins, and the value set aside is kept as
a conflict. Nothing here is for the window or the command line: they reach it through
``book.sync`` (storage/book/sync.py).

Modules, one job each: ``clock`` (hybrid logical clocks), ``keys`` (the team key and its
text), ``packets`` (the file format), ``folder`` (the folder's layout, atomic writes),
``tables`` (what travels), ``capture`` (local changes to operations), ``merge`` (the merge
rules, on one record in memory), ``apply`` (operations into the book), ``unique`` (a unique
key made twice), ``setting_merge`` (the settings that travel), ``applied`` (what a merge did),
``derived`` (the columns a merge moves), ``state`` (what was sent and applied), ``home``
(a copy of a book caught before it sends as the original), ``checkpoint`` (a whole book
written as one device's checkpoint; its packets deleted once every member's covers them) and
``checkpoint_load`` (a checkpoint loaded: in bulk into an empty book, else merged), ``errors``.
The values set aside are listed and taken back by storage/book/conflicts.py. The team itself:
``identity`` (a device's own keys; a team key wrapped for one member), ``roster`` (members,
roles and removals as the folder's signed files say; a founderless team's first member's
claim), ``keyring`` (the key of each epoch and which packets it may open), ``team`` (the
roster and keys read and cached at every sync, a manager's changes); ``book.team``
(storage/book/team.py) is their face.
"""
