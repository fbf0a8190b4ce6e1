"""Plain-language caveats (English and Spanish) attached to each row of marts.policy_effects.

Each caveat has a code; `compose` joins the ones that apply, the reason for a refusal first.
"""

from __future__ import annotations

from functools import lru_cache

TEXT: dict[str, tuple[str, str]] = {
    # reasons an estimate is refused (the row shows this text instead of a number)
    "no_data": (
        "Not estimated: the series has no data yet.",
        "No estimado: la serie todavía no tiene datos.",
    ),
    "too_few_points": (
        "Not estimated: too few points ({n_before} before, {n_after} after; 3 needed on each "
        "side).",
        "No estimado: muy pocos puntos ({n_before} antes, {n_after} después; se necesitan 3 "
        "de cada lado).",
    ),
    "singular": (
        "Not estimated: the points cannot separate a level change from a slope change.",
        "No estimado: los puntos no permiten separar el cambio de nivel del cambio de pendiente.",
    ),
    "no_df": (
        "Not estimated: as many model terms as points, so the error cannot be measured.",
        "No estimado: el modelo tiene tantos términos como puntos y no se puede medir el error.",
    ),
    "perfect_fit": (
        "Not estimated: a line passes exactly through every point on one side, so the error "
        "cannot be measured.",
        "No estimado: una recta pasa exactamente por todos los puntos de un lado y no se puede "
        "medir el error.",
    ),
    # caveats on estimates that are shown
    "other_events": (
        "Other key events fall inside the window ({events_en}): the change may be theirs, not "
        "this event's.",
        "Otros hechos clave caen dentro de la ventana ({events_es}): el cambio puede deberse a "
        "ellos y no a este hecho.",
    ),
    "placebo_few": (
        "Only {n} dates of this series have no key event within the window: the placebo test "
        "cannot call a change clear (19 are needed for a placebo p of 0.05).",
        "Solo {n} fechas de esta serie no tienen ningún hecho clave dentro de la ventana: la "
        "prueba placebo no puede calificar un cambio de claro (se necesitan 19 para una p "
        "placebo de 0.05).",
    ),
    "placebo_none": (
        "No date of this series is free of key events for the whole window: there is no "
        "placebo test, so no change can be called clear.",
        "Ninguna fecha de esta serie queda libre de hechos clave en toda la ventana: no hay "
        "prueba placebo, así que ningún cambio puede calificarse de claro.",
    ),
    "model_based_ci": (
        "The 95% interval and p-value are model-based (Newey-West): at dates with no event "
        "this model finds a change with p < 0.05 far more often than 5% of the time, so read "
        "the verdict, the placebo p and the range across specifications first.",
        "El intervalo del 95% y el valor p se basan en el modelo (Newey-West): en fechas sin "
        "ningún hecho este modelo encuentra un cambio con p < 0.05 mucho más que el 5% de las "
        "veces; lea primero el veredicto, la p placebo y el rango entre especificaciones.",
    ),
    "irregular": (
        "Irregular series: reports at uneven dates; time is counted in months and the "
        "autocorrelation correction counts reports, not months.",
        "Serie irregular: informes en fechas desiguales; el tiempo se cuenta en meses y la "
        "corrección por autocorrelación cuenta informes, no meses.",
    ),
    "small_n": (
        "Few points ({n_before} before, {n_after} after): the interval is approximate and "
        "likely too narrow.",
        "Pocos puntos ({n_before} antes, {n_after} después): el intervalo es aproximado y "
        "probablemente demasiado estrecho.",
    ),
    "its_short": (
        "Short series ({n} points): in simulations this method's 95% intervals covered the "
        "true change only about 70-85% of the time at this length; read them as too narrow.",
        "Serie corta ({n} puntos): en simulaciones, los intervalos del 95% de este método "
        "cubrieron el cambio verdadero solo entre el 70 y el 85% de las veces con esta "
        "longitud; deben leerse como demasiado estrechos.",
    ),
    "rounded": (
        "Values are rounded to the nearest 10 (OHSS rule).",
        "Los valores están redondeados a la decena más cercana (regla de OHSS).",
    ),
    "events_not_people": (
        "Counts events ({unit}), not unique people: one person can be counted more than once.",
        "Cuenta eventos ({unit_es}), no personas distintas: una persona puede contarse más de "
        "una vez.",
    ),
    "names_not_people": (
        "Counts names on a list, not people.",
        "Cuenta nombres en una lista, no personas.",
    ),
    "not_seasonal": (
        "Seasonal patterns are not adjusted for (month-of-year terms need 24 months on each "
        "side); a 12-month window balances months in the before/after means, not in the lines.",
        "No se ajusta por estacionalidad (los términos de mes del año necesitan 24 meses de "
        "cada lado); una ventana de 12 meses equilibra los meses en las medias de antes y "
        "después, no en las rectas.",
    ),
    "seasonal": (
        "Adjusted for month of year (11 month dummies).",
        "Ajustado por mes del año (11 variables indicadoras de mes).",
    ),
    "month_precision": (
        "The event date is known only to the month.",
        "La fecha del hecho solo se conoce al mes.",
    ),
}


UNIT_ES = {"encounters": "encuentros", "appointments": "citas"}


def compose(items: list[tuple[str, dict]]) -> tuple[str, str]:
    """Join caveats, in the given order, into one English and one Spanish sentence string."""
    return _compose(tuple((code, tuple(kw.items())) for code, kw in items))


@lru_cache(maxsize=4096)
def _compose(items: tuple[tuple[str, tuple], ...]) -> tuple[str, str]:
    """compose, for items written as tuples: many rows share their caveats, written once."""
    en = [TEXT[code][0].format(**dict(kw)) for code, kw in items]
    es = [TEXT[code][1].format(**dict(kw)) for code, kw in items]
    return " ".join(en), " ".join(es)
