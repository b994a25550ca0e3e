"""The command palette: the app's actions, and a filter for every country in the database and
every freed person the people screen has listed."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from app.plural import en as plural
from app.sanitize import clean_line


class PardonsCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        out = [(title, partial(app.run_action, action), help_)
               for action, title, help_ in app.PALETTE_ACTIONS]
        for row in app.country_rows:
            out.append((clean_line(f"Country: {row.name} · {row.code}"),
                        partial(app.set_country, row.code),
                        f"show only {row.name}: {row.count} freed, "
                        f"{plural(row.events, 'event')}, {plural(row.articles, 'article')}"))
        for person in app.people_rows:
            out.append((clean_line(f"Person: {person.name}"),
                        partial(app.set_filters, person=person.names),
                        clean_line(f"show only the events of {person.name}: "
                                   f"{plural(person.events, 'event')}, "
                                   f"{plural(person.articles, 'article')}")))
        return out

    async def discover(self) -> Hits:
        for title, callback, help_ in self._commands():
            yield DiscoveryHit(title, callback, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_ in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_)
