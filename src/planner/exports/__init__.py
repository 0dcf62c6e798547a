"""What leaves the program other than a printed document, rendered from sheets (or, for the
people directory, from plain :class:`~planner.exports.contacts.PersonRecord` values):

- ``ics``: calendar files (PUBLISH / REQUEST / CANCEL);
- ``eml``: email drafts (invitation, briefing, report) with the standard library's ``email``;
- ``people_csv``: the directory and an event's participant list as CSV, and the CSV reader;
- ``people_xlsx``: the same lists as Excel workbooks, every cell text;
- ``vcard``: the vCard 2.1/3.0/4.0 reader; ``vcard_writer``: vCards (4.0, 3.0 for Outlook) of
  the directory or of the people a sheet lets its audience have;
- ``announcement``: the web announcement as HTML or Markdown;
- ``contacts`` and ``text``: the plain values and text helpers they share.

Nothing here opens the database: ``planner.services.exports`` builds the sheets and writes files.
"""
