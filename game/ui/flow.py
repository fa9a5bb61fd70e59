"""The flow of the window: which screen follows which. Scenes only finish with results.

Ordinary play is title → picker → conversation → debrief, and back; the team
round is a variant of the same screens wired differently (assessment mode, no
autosave, a turn that ends back at the round). This is the only module that
opens screens in response to other screens, and the only one (besides the app,
which opens the first) that imports scenes to do so. Every screen is imported
when first opened, so the first frame comes sooner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.core.modes import Mode

if TYPE_CHECKING:
    from game.core.analysis import Analysis
    from game.core.engine import Playthrough
    from game.core.model import Module, Scenario
    from game.core.progress import Verdict
    from game.saves import Autosave
    from game.ui.conversation.scene import ConversationEnd
    from game.ui.live.hosting import HostRequest
    from game.ui.meeting.team_round import TurnRequest
    from game.ui.meeting.team_round_view import Turn
    from game.ui.scene import Context
    from game.ui.scenes.picker import PlayChoice
    from game.ui.scenes.title import TitleChoice


def start(ctx: Context) -> None:
    """The first screen: the title (after the introduction on a first run), or the meeting
    board with --meeting; --host opens the live session's setup over the title (or the
    session itself, given a scenario or module)."""
    options = ctx.options
    if options.meeting:
        from game.ui.meeting import meeting_scene

        ctx.stack.push(
            meeting_scene(
                ctx, scenario=options.scenario, module=options.module, session=options.session
            )
        )
        return
    if options.host is None and not ctx.settings.intro_seen and ctx.autoplay is None:
        # The first run: what Rapport scores and how to play, then the title.
        introduce(ctx, then=lambda: show_title(ctx))
        return
    show_title(ctx)
    if options.host is not None:  # `--host`: over the title, which follows the session
        host_live(ctx, options.host)


def show_title(ctx: Context) -> None:
    from game.ui.scenes.title import TitleScene

    ctx.stack.push(TitleScene(ctx), lambda choice: title_chosen(ctx, choice))


def introduce(ctx: Context, then: Callable[[], None] | None = None) -> None:
    """The introduction, over whatever is shown (`then` runs once it is closed); once seen, it
    is not shown by itself again."""

    from game.ui.scenes.intro import IntroScene

    def seen(_: None) -> None:
        if not ctx.settings.intro_seen:
            ctx.apply_settings(ctx.settings._replace(intro_seen=True))
        if then is not None:
            then()

    ctx.stack.push(IntroScene(ctx), seen)


def title_chosen(ctx: Context, choice: TitleChoice) -> None:
    from game.ui.scenes.leaderboard import LeaderboardScene
    from game.ui.scenes.title import BOARD as TITLE_BOARD
    from game.ui.scenes.title import CONTINUE, LIVE, PLAY, SETTINGS, TEAM

    if choice.action == PLAY:
        pick(ctx)
    elif choice.action == CONTINUE and choice.autosave is not None:
        continue_save(ctx, choice.autosave)
    elif choice.action == TITLE_BOARD:
        ctx.stack.push(LeaderboardScene(ctx))
    elif choice.action == SETTINGS:
        settings(ctx)
    elif choice.action == TEAM:
        open_team_round(ctx, ctx.options.scenario)
    elif choice.action == LIVE:
        host_live(ctx)


def settings(ctx: Context) -> None:
    from game.ui.scenes.settings import INTRO, SettingsScene

    def chosen(action: str) -> None:
        if action == INTRO:
            introduce(ctx)

    ctx.stack.push(SettingsScene(ctx), chosen)


def pick(ctx: Context, scenario: str | None = None) -> None:
    """The picker (focused on `scenario`, if given); the chosen scenario is played over it."""
    from game.ui.scenes.picker import PickerScene

    def picked(choice: PlayChoice | None) -> None:
        if choice is not None:  # None: the player went back to the title
            play(ctx, choice)

    ctx.stack.push(PickerScene(ctx, scenario=scenario), picked)


# -- ordinary play --------------------------------------------------------------------------------
def play(
    ctx: Context,
    choice: PlayChoice,
    playthrough: Playthrough | None = None,
    save: Autosave | None = None,
) -> None:
    """Open a scenario (fresh, or resuming a restored playthrough and its `save`); the debrief
    follows."""
    from game.saves import SaveWriteError
    from game.ui.conversation.scene import ConversationScene, Finished, OpenSettings, Restart

    scenario = ctx.library.scenario(choice.scenario)
    analysis = ctx.library.analysis(choice.scenario)
    if scenario is None or analysis is None or analysis.ranges is None:
        ctx.notify(f"The scenario {choice.scenario} cannot be played: it did not load.", error=True)
        return
    scene = ConversationScene(
        ctx,
        scenario,
        analysis,
        choice.mode,
        choice.module,
        playthrough,
        seed=save.seed if save else None,
        untimed=save.untimed if save else False,
    )

    def ended(end: ConversationEnd) -> None:
        ctx.let_go()
        if isinstance(end, Finished):
            debrief(ctx, scene.scenario, scene.analysis, end.playthrough, choice, end.untimed)
        elif isinstance(end, Restart):
            try:
                ctx.saves.remove(scene.scenario.id)
            except SaveWriteError as error:
                ctx.notify(str(error), error=True)
            play(ctx, choice)
        elif isinstance(end, OpenSettings):
            settings(ctx)

    ctx.stack.push(scene, ended)


def debrief(
    ctx: Context,
    scenario: Scenario,
    analysis: Analysis,
    playthrough: Playthrough,
    choice: PlayChoice,
    untimed: bool = False,
) -> None:
    """Record the result and show the debrief; it leads to the next play, or back."""
    from game.ui.recording import record_result
    from game.ui.scenes.debrief import BOARD, NEXT, REPLAY, DebriefScene
    from game.ui.scenes.leaderboard import LeaderboardScene
    from game.ui.scenes.picker import PlayChoice

    module = _module(ctx, choice.module)
    verdict = _verdict(ctx, scenario.id, playthrough, analysis, module)
    recording = record_result(
        ctx,
        scenario,
        analysis,
        playthrough,
        player=ctx.player,
        module=choice.module,
        untimed=untimed,
    )
    scene = DebriefScene(
        ctx, scenario, analysis, playthrough, choice.mode, verdict, recording, untimed=untimed
    )

    def chosen(action: str) -> None:
        if action == REPLAY:
            play(ctx, choice)
        elif action == NEXT and scene.next_scenario is not None:
            home = ctx.library.module_of(scene.next_scenario)
            play(ctx, PlayChoice(scene.next_scenario, choice.mode, _module_id(home)))
        elif action == BOARD:
            ctx.stack.push(LeaderboardScene(ctx, scenario.id))

    ctx.stack.push(scene, chosen)


def continue_save(ctx: Context, save: Autosave) -> None:
    """Continue the autosaved game, or explain why it cannot be continued as it was."""
    from game.core.engine import SaveError, ScenarioChangedError
    from game.ui.scenes.common import DialogScene
    from game.ui.scenes.picker import PlayChoice

    scenario = ctx.library.scenario(save.scenario)
    if scenario is None or ctx.library.analysis(save.scenario) is None:
        ctx.notify(
            f"The scenario of your saved game ({save.scenario}) is not in the scenario "
            "folder any more; the save was kept.",
            error=True,
        )
        return
    choice = PlayChoice(scenario.id, Mode(save.mode), save.module)
    try:
        playthrough = save.restore(scenario)
    except ScenarioChangedError:
        ctx.stack.push(
            DialogScene(
                ctx,
                "This scenario has changed",
                f"“{scenario.title}” was edited after your last save, so the game cannot "
                "continue exactly where you left off. Your save is kept until you make a "
                "new choice. Start the scenario again from the beginning?",
                [("Start again", lambda: play(ctx, choice)), ("Not now", lambda: None)],
                name="changed",
            )
        )
        return
    except SaveError as error:
        ctx.notify(
            f"The saved game could not be continued ({error}); it was left as it is.", error=True
        )
        return
    play(ctx, choice, playthrough, save)


def _module(ctx: Context, module_id: str | None) -> Module | None:
    return next((m for m in ctx.library.modules() if m.id == module_id), None)


def _module_id(module: Module | None) -> str | None:
    from game.ui.services import ALL_SCENARIOS, MORE_SCENARIOS

    if module is None or module.id in (ALL_SCENARIOS, MORE_SCENARIOS):
        return None
    return module.id


def _verdict(
    ctx: Context,
    scenario: str,
    playthrough: Playthrough,
    analysis: Analysis,
    module: Module | None,
) -> Verdict:
    from game.core.progress import judge
    from game.core.scoring import result_of

    assert analysis.ranges is not None
    overall = result_of(playthrough, analysis.ranges).overall
    return judge(
        scenario,
        overall,
        module=module,
        modules=ctx.library.modules(),
        before=ctx.progress.bests if ctx.player else None,
    )


# -- the team round: the same screens, wired for turns ---------------------------------------------
def open_team_round(ctx: Context, scenario: str | None = None) -> None:
    """The team round; each turn it asks for is played by `play_turn`."""
    from game.ui.meeting import team_round_scene

    scene = team_round_scene(ctx, scenario)
    ctx.stack.push(scene, lambda request: play_turn(ctx, request, scene.turn_finished))


def play_turn(ctx: Context, request: TurnRequest, finished: Callable[[Turn | None], None]) -> None:
    """One player's turn: a conversation in assessment mode, then a debrief back to the round.

    `finished` gets the turn, or None when it was stopped from the pause menu.
    """
    from game.core.progress import judge
    from game.core.scoring import result_of
    from game.core.standings import Standing
    from game.ui.conversation.scene import ConversationScene, Finished, OpenSettings
    from game.ui.meeting.team_round_view import Turn
    from game.ui.recording import record_result
    from game.ui.scenes.debrief import DONE, DebriefScene
    from game.ui.scenes.picker import PlayChoice

    scenario = ctx.library.scenario(request.scenario)
    analysis = ctx.library.analysis(request.scenario)
    if scenario is None or analysis is None or analysis.ranges is None:
        ctx.notify("This scenario cannot be played: it did not load.", error=True)
        finished(None)
        return
    home = ctx.library.module_of(scenario.id)
    choice = PlayChoice(scenario.id, Mode.ASSESS, _module_id(home))
    conversation = ConversationScene(
        ctx,
        scenario,
        analysis,
        Mode.ASSESS,  # no coaching during a turn: everyone is judged on the same footing
        choice.module,
        autosave=False,  # a turn is not continued from the title; it would replace a save
        restartable=False,
        leave_label="Stop this turn",
    )

    def ended(end: ConversationEnd) -> None:
        if isinstance(end, OpenSettings):
            settings(ctx)
            return
        if not isinstance(end, Finished):
            finished(None)  # stopped: the round offers the turn again
            return
        assert analysis.ranges is not None
        result = result_of(end.playthrough, analysis.ranges)
        recording = record_result(
            ctx,
            scenario,
            analysis,
            end.playthrough,
            player=request.player,
            module=choice.module,
            untimed=end.untimed,
        )
        standing = Standing(
            0, request.player, result.overall, result.percent, end.playthrough.elapsed_s
        )
        # A turn is judged against the module's pass mark, but unlocks nobody's progress.
        verdict = judge(
            scenario.id,
            result.overall,
            module=_module(ctx, choice.module),
            modules=(),
            before={},
        )
        ctx.stack.push(
            DebriefScene(
                ctx,
                scenario,
                analysis,
                end.playthrough,
                Mode.ASSESS,
                verdict,
                recording,
                actions=(DONE,),
                untimed=end.untimed,
            ),
            lambda _action: finished(Turn(standing, recording, end.untimed)),
        )

    ctx.stack.push(conversation, ended)


# -- a live session: the room plays from its phones ---------------------------------------------
def host_live(ctx: Context, mode: str | None = None) -> None:
    """Set up a live session, then host it; with `--scenario` or `--module` given on the
    command line together with `--host`, the session starts at once."""
    from game.ui.live.hosting import HostRequest
    from game.ui.live.setup import LiveSetupScene

    options = ctx.options
    if mode is not None and (options.scenario or options.module):
        request = HostRequest(
            scenario=None if options.module else options.scenario,
            module=options.module,
            mode=mode,
            session=options.session,
        )
        start_live(ctx, request)
        return

    def chosen(request: HostRequest | None) -> None:
        if request is not None:
            start_live(ctx, request)

    ctx.stack.push(LiveSetupScene(ctx, mode), chosen)


def start_live(ctx: Context, request: HostRequest) -> None:
    """The live screen; once the session has ended, how it went for its results."""
    from game.ui.live.scene import LiveScene

    def ended(summary: str | None) -> None:
        if summary:
            ctx.notify(summary)

    ctx.stack.push(LiveScene(ctx, request), ended)
