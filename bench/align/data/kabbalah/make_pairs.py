# ruff: noqa: E501
"""Writes the synthetic-but-realistic aligned posts (run once; the JSON files are the data).

Each post is a list of aligned units, [source sentences, target sentences], so the gold
alignment is known by construction. The texts are new demo content in the style of the
corpus; the translators' habits are the real ones: long sentences split in two, short ones
merged, glosses added in brackets, an aside dropped, a note added, labels mapped.
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

SCREEN_RU = {
    "title": "How the screen builds a Partzuf",
    "src_lang": "en",
    "tgt_lang": "ru",
    "units": [
        [["How The Screen Builds A Partzuf"], ["Как масах строит парцуф"]],
        [
            ["Question: What does the Masach actually do?"],
            ["Вопрос: Что на самом деле делает масах?"],
        ],
        [
            ["Answer: It stands in front of the desire and decides how much light may enter."],
            ["Ответ: Он стоит перед желанием и решает, сколько света может войти."],
        ],
        [
            ["Everything else follows from this one decision."],
            ["Все остальное следует из этого решения."],
        ],
        [
            [
                "The light that the screen pushes back is called Ohr Hozer (Reflected Light), and it rises from below upward, dressing the upper light."
            ],
            [
                "Свет, который масах отталкивает, называется ор хозер (отраженный свет).",
                "Он поднимается снизу вверх и облачает высший свет.",
            ],
        ],
        [
            ["Question: Why push it back?", "Isn't pleasure the goal?"],
            ["Вопрос: Зачем отталкивать свет, разве наслаждение – не цель?"],
        ],
        [
            [
                "Answer: Pleasure is the goal, but only pleasure that I receive for the sake of the giver."
            ],
            [
                "Ответ: Наслаждение – цель, но только то наслаждение, которое я получаю ради Дающего."
            ],
        ],
        [
            [
                "Malchut tried to receive for herself and felt shame, and from that shame came the Tzimtzum (restriction)."
            ],
            [
                "Малхут попробовала получить ради себя и ощутила стыд.",
                "Из этого стыда и возник цимцум (сокращение).",
            ],
        ],
        [
            [
                "After the Tzimtzum, a Zivug de Hakaa (coupling by striking) takes place on the screen."
            ],
            ["После цимцума на масахе происходит зивуг де-акаа (ударное слияние)."],
        ],
        [
            ["The screen calculates: this much I can take for the Creator, and no more."],
            ["Масах вычисляет: столько я могу взять ради Творца, и не больше."],
        ],
        [
            ["The part that is received builds the inner part of the Partzuf, its Toch."],
            ["Принятая часть строит внутреннюю часть парцуфа – его тох."],
        ],
        [
            ["The part that remains outside becomes Ohr Makif (Surrounding Light)."],
            ["Часть, оставшаяся снаружи, становится окружающим светом."],
        ],
        [["I will say it once more, because this is the key."], []],
        [
            ["A Partzuf is not a thing.", "It is a relation between a desire and a screen."],
            ["Парцуф – это не предмет, а отношение между желанием и масахом."],
        ],
        [
            ["Question: So how many Partzufim are there?"],
            ["Вопрос: Так сколько же всего парцуфим?"],
        ],
        [
            [
                "Answer: In the world of Adam Kadmon there are five Partzufim, from Keter down to Malchut, and each has a weaker screen than the one above it, because its Aviut (coarseness) is smaller."
            ],
            [
                "Ответ: В мире Адам Кадмон пять парцуфим – от Кетер до Малхут.",
                "У каждого из них масах слабее, чем у предыдущего, потому что меньше его авиют (толщина желания).",
            ],
        ],
        [
            [],
            [
                "(Примечание переводчика: в русской традиции авиют иногда называют «толщиной» или «грубостью» желания.)"
            ],
        ],
        [["The weakening is not a failure."], ["Это ослабление – не поражение."]],
        [
            ["It is the order in which the light descends, step by step, until it reaches us."],
            ["Это порядок, в котором свет спускается ступень за ступенью, пока не достигает нас."],
        ],
        [["Question: Where is this in my life?"], ["Вопрос: А где это в моей жизни?"]],
        [
            [
                "Answer: Every time you feel a pleasure and stop to ask whom it will serve, you build a small screen."
            ],
            [
                "Ответ: Каждый раз, когда ты ощущаешь наслаждение и останавливаешься, чтобы спросить, кому оно послужит, ты строишь маленький масах."
            ],
        ],
        [["In the ten it is easier."], ["В десятке это легче."]],
        [
            [
                "The friends are the place where my desire meets a resistance that is not mine.",
                "It helps.",
            ],
            [
                "Товарищи – это место, где мое желание встречает сопротивление, которое не принадлежит мне, и это помогает."
            ],
        ],
        [
            ["Remark: But sometimes the friends only irritate me."],
            ["Реплика: Но иногда товарищи меня только раздражают."],
        ],
        [["My Answer: Good."], ["Мой ответ: Хорошо."]],
        [
            ["Irritation is Aviut, and Aviut is the material for a screen."],
            ["Раздражение – это авиют, а авиют – материал для масаха."],
        ],
        [
            ["Without it there would be nothing to correct."],
            ["Без него нечего было бы исправлять."],
        ],
        [
            [
                "Baal HaSulam writes in Talmud Eser Sefirot that the greater the desire, the greater the light that can clothe in it, provided that the screen is great too."
            ],
            [
                "Бааль Сулам пишет в «Учении Десяти Сфирот», что чем больше желание, тем больший свет может в него облачиться.",
                "Но только при условии, что и масах велик.",
            ],
        ],
        [
            [
                "This is why the last generations have the strongest egoism.",
                "They are also the closest to the correction.",
            ],
            [
                "Поэтому у последних поколений самый сильный эгоизм, и поэтому же они ближе всех к исправлению."
            ],
        ],
        [["Question: And the Gmar Tikkun?"], ["Вопрос: А Гмар Тикун?"]],
        [
            [
                "Answer: It is the state in which the screen covers the entire desire of Malchut, and all of it receives in order to bestow."
            ],
            [
                "Ответ: Это состояние, в котором масах покрывает все желание Малхут, и вся она получает ради отдачи."
            ],
        ],
        [
            ["Then nothing remains outside, and the Surrounding Light becomes inner."],
            ["Тогда ничего не остается снаружи, и окружающий свет становится внутренним."],
        ],
        [["[263140]"], ["[263140]"]],
        [
            ["From the 1st part of the Daily Kabbalah Lesson 5/9/21, Talmud Eser Sefirot"],
            ["Из 1-й части ежедневного урока по каббале 5/9/21, «Учение Десяти Сфирот»"],
        ],
    ],
}

LESSON_RU = {
    "title": "A lesson on the Light that Reforms (transcript)",
    "src_lang": "en",
    "tgt_lang": "ru",
    "units": [
        [
            ["Reader: We continue reading from Shamati, article 4."],
            ["Чтец: Продолжаем читать «Шамати», статья 4."],
        ],
        [
            ["(00:15) M. Laitman: Let us read slowly."],
            ["(00:15) М. Лайтман: Давайте читать медленно."],
        ],
        [["Every word here is a whole world."], ["Здесь каждое слово – целый мир."]],
        [
            ["Reader: “The reason for the heaviness that one feels when working for the Creator…”"],
            ["Чтец: «Причина тяжести, которую человек ощущает, работая ради Творца…»"],
        ],
        [["M. Laitman: Stop here."], ["М. Лайтман: Остановимся."]],
        [["Who feels heaviness?"], ["Кто ощущает тяжесть?"]],
        [
            ["The one who has already started to work, not the one who is still asleep."],
            ["Тот, кто уже начал работать, а не тот, кто еще спит."],
        ],
        [
            [
                "Heaviness is a sign that the Light that Reforms has begun to act, and that it shows me my real state: how far I am from bestowal, how much I still want everything for myself."
            ],
            [
                "Тяжесть – признак того, что свет, возвращающий к источнику, начал действовать.",
                "Он показывает мне мое настоящее состояние: насколько я далек от отдачи и насколько все еще хочу всего для себя.",
            ],
        ],
        [["Question: Can I speed it up?"], ["Вопрос: Можно ли это ускорить?"]],
        [
            ["(04:02) M. Laitman: You cannot speed up the light.", "You can speed up yourself."],
            ["(04:02) М. Лайтман: Ускорить свет нельзя, можно ускорить себя."],
        ],
        [["How?"], ["Как?"]],
        [["By asking for it together."], ["Прося об этом вместе."]],
        [
            [
                "When ten people ask, the request is ten times larger, but also ten times more precise."
            ],
            ["Когда просят десять человек, просьба в десять раз больше, но и в десять раз точнее."],
        ],
        [["That is important."], []],
        [["Question: What does “precise” mean here?"], ["Вопрос: Что здесь значит «точнее»?"]],
        [
            ["M. Laitman: It means that I ask not for relief but for correction."],
            ["М. Лайтман: Это значит, что я прошу не облегчения, а исправления."],
        ],
        [
            ["Relief is for me.", "Correction is for the Creator."],
            ["Облегчение – для меня, исправление – для Творца."],
        ],
        [
            ["There are four conditions for the light to act:"],
            ["Есть четыре условия, при которых свет действует:"],
        ],
        [
            ["1. The group, which gives the importance of the goal."],
            ["1. Группа, которая дает важность цели."],
        ],
        [
            ["2. The teacher, who shows the direction."],
            ["2. Учитель, который указывает направление."],
        ],
        [["3. The books, in which the light is hidden."], ["3. Книги, в которых скрыт свет."]],
        [
            ["4. My own effort, without which the other three do nothing."],
            ["4. Мое собственное усилие, без которого первые три условия ничего не дают."],
        ],
        [
            ["(11:40) Question: And if I have no effort left?"],
            ["(11:40) Вопрос: А если у меня не осталось сил?"],
        ],
        [
            ["M. Laitman: Then the friends give you theirs."],
            ["М. Лайтман: Тогда товарищи дают тебе свои."],
        ],
        [["This is Arvut."], ["Это и есть поручительство (Арвут)."]],
        [
            [
                "Rabash writes that a person cannot come out of his own prison alone, and the friends are the ones who hold the key from outside."
            ],
            [
                "Рабаш пишет, что человек не может сам выйти из своей тюрьмы.",
                "Ключ находится снаружи, у товарищей.",
            ],
        ],
        [
            [],
            [
                "(Имеется в виду статья Рабаша «Нет узника, который сам освободит себя из темницы». – Прим. ред.)"
            ],
        ],
        [
            [
                "Reader: “…and then he sees that the heaviness itself was the beginning of his ascent.”"
            ],
            ["Чтец: «…и тогда он видит, что сама тяжесть была началом его подъема»."],
        ],
        [
            ["M. Laitman: Yes.", "The descent is the first half of the ascent."],
            ["М. Лайтман: Да, падение – это первая половина подъема."],
        ],
        [["We will continue tomorrow."], ["Продолжим завтра."]],
        [
            ["From the Daily Kabbalah Lesson 12/24/17, Shamati, Article 4"],
            ["Из ежедневного урока по каббале 12/24/17, «Шамати», статья 4"],
        ],
    ],
}

ARVUT_ES = {
    "title": "The ten as one body (essay)",
    "src_lang": "en",
    "tgt_lang": "es",
    "units": [
        [["The Ten As One Body"], ["La decena como un solo cuerpo"]],
        [
            ["Students often describe the ten as a group of friends who help one another."],
            [
                "Los estudiantes suelen describir la decena como un grupo de amigos que se ayudan mutuamente."
            ],
        ],
        [
            ["That is true, but it is only the outer layer."],
            ["Es cierto, pero es solo la capa exterior."],
        ],
        [
            [
                "In Kabbalah, the ten is a model of the common soul, the same structure that Baal HaSulam describes as the ten Sefirot, from Keter to Malchut."
            ],
            [
                "En la Cabalá, la decena es un modelo del alma común.",
                "Es la misma estructura que Baal HaSulam describe como las diez Sefirot, desde Keter hasta Maljut.",
            ],
        ],
        [
            ["Each friend is a Sefira.", "None of them is complete alone."],
            ["Cada amigo es una Sefira, y ninguno de ellos está completo por sí solo."],
        ],
        [
            ["Question: If I am only one Sefira, what is my role?"],
            ["Pregunta: Si soy solo una Sefira, ¿cuál es mi papel?"],
        ],
        [
            ["Answer: To give your desire to the others and to receive theirs."],
            ["Respuesta: Dar tu deseo a los demás y recibir el de ellos."],
        ],
        [
            ["This is Arvut (mutual guarantee): each one is responsible for the state of all."],
            ["Esto es la garantía mutua (Arvut): cada uno es responsable del estado de todos."],
        ],
        [
            ["Not for their mood, but for their direction."],
            ["No de su estado de ánimo, sino de su dirección."],
        ],
        [
            [
                "When one friend falls into Katnut (smallness), the body does not abandon him; it raises him, and it does so not out of pity but because without him the body cannot reach Gadlut (greatness)."
            ],
            [
                "Cuando un amigo cae en Katnut (pequeñez), el cuerpo no lo abandona, sino que lo eleva.",
                "Y no lo hace por lástima, sino porque sin él el cuerpo no puede alcanzar Gadlut (grandeza).",
            ],
        ],
        [
            ["Question: And if the friend does not want to rise?"],
            ["Pregunta: ¿Y si el amigo no quiere elevarse?"],
        ],
        [
            ["Answer: Then the others rise for him."],
            ["Respuesta: Entonces los demás se elevan por él."],
        ],
        [
            [
                "This is the secret of the ten.",
                "The desire of one is completed by the screen of another.",
            ],
            ["Este es el secreto de la decena: el deseo de uno se completa con el Masaj de otro."],
        ],
        [
            [
                "Rabash compares it to a body in which the hand does not ask the foot whether it wants to walk."
            ],
            [
                "Rabash lo compara con un cuerpo en el que la mano no le pregunta al pie si quiere caminar."
            ],
        ],
        [["I like this example very much."], []],
        [
            ["Each organ works for the whole, and the whole keeps each organ alive."],
            ["Cada órgano trabaja para el todo, y el todo mantiene vivo a cada órgano."],
        ],
        [
            ["The Creator is revealed in this connection, not in any one of us."],
            ["El Creador se revela en esta conexión, no en ninguno de nosotros."],
        ],
        [
            [],
            [
                "(En la versión original, el autor añade aquí una cita del artículo «La garantía mutua» de Baal HaSulam.)"
            ],
        ],
        [
            ["Question: How do I know that our ten is already one body?"],
            ["Pregunta: ¿Cómo sé que nuestra decena ya es un solo cuerpo?"],
        ],
        [
            ["Answer: When the pain of one friend is felt by all, even before he speaks."],
            [
                "Respuesta: Cuando el dolor de un amigo lo sienten todos, incluso antes de que hable."
            ],
        ],
        [
            ["When a success of one is a joy for all."],
            ["Cuando el éxito de uno es la alegría de todos."],
        ],
        [
            ["And when you stop counting who gave more."],
            ["Y cuando dejas de contar quién dio más."],
        ],
        [["It does not happen in a day."], ["No ocurre en un día."]],
        [
            [
                "It happens in years of small efforts, on lessons, at meals, at congresses, in a message sent at night to a friend who needs it."
            ],
            [
                "Ocurre a lo largo de años de pequeños esfuerzos: en las lecciones, en las comidas, en los congresos, en un mensaje enviado de noche a un amigo que lo necesita."
            ],
        ],
        [["[245178]"], ["(245178)"]],
        [
            ["From the Convention in Mexico 3/2/19, Lesson 2"],
            ["(Del Congreso de México 3/2/19, Lección 2)"],
        ],
    ],
}

for name, post in {
    "how-the-screen-builds-a-partzuf.en-ru": SCREEN_RU,
    "a-lesson-on-the-light-that-reforms.en-ru": LESSON_RU,
    "the-ten-as-one-body.en-es": ARVUT_ES,
}.items():
    (HERE / f"{name}.json").write_text(
        json.dumps(post, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
