"""The residents' pages (/public_service/fw/): no account, phone-first.

Looking needs nothing; acting (booking, asking, signing up) needs a phone verified with a one-time code, kept in
the resident's session (`SESSION_PHONE`). The privacy notice (个人信息保护告知) is shown and must be accepted
before the phone is asked for. A resident's records are found by their unguessable code *and* the session's
phone: another phone gets a 404. Every page is rate-limited per address, the code, booking, question and
sign-up per phone too (public_service.throttling), answering 429 with the reason.
"""

import json
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.access import add_service_error
from bureau.models import Area
from lawyers.models import ServicePoint

from .. import services, sms
from ..forms import BookingForm, CodeForm, PhoneForm, QuestionForm, SignupForm, SiteSearchForm
from ..models import Booking, ClassSignup, LegalClass, OpeningHours, Question, hours_text
from ..throttling import Throttled, throttle

SESSION_PHONE = "public_service_phone"


def verified_phone(request):
    return request.session.get(SESSION_PHONE)


def resident_page(view):
    """Rate-limited per address; a Throttled anywhere in the view is a 429 page with its reason."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            throttle(request, "page")
            return view(request, *args, **kwargs)
        except Throttled as refusal:
            return render(request, "public_service/resident/throttled.html", {"message": refusal.message},
                          status=429)

    return wrapped


def phone_required(view):
    """Acting needs a verified phone: otherwise to the verification page, and back here after it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not verified_phone(request):
            return redirect(f"{reverse('public_service:resident_verify')}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapped


def _next(request, default):
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def public_sites():
    return ServicePoint.objects.active_on(timezone.localdate()).select_related("area")


def street_of(area, streets):
    """The street an area belongs to ({code: Area}), from its path; None for a district."""
    codes = area.path.strip("/").split("/")
    return streets.get(codes[2]) if len(codes) > 2 else None


def _site_street_codes():
    return {path.strip("/").split("/")[2] for path in public_sites().values_list("area__path", flat=True)
            if len(path.strip("/").split("/")) > 2}


# --- Finding a site ---------------------------------------------------------------------------------------------


@resident_page
def resident_home(request):
    streets = Area.objects.filter(level=Area.Level.STREET, code__in=_site_street_codes()).select_related(
        "parent").order_by("code")
    form = SiteSearchForm(request.GET or None, streets=streets)
    sites = public_sites().prefetch_related(Prefetch("hours", OpeningHours.objects.order_by("weekday", "start")))
    if form.is_valid():
        if form.cleaned_data["street"]:
            sites = sites.filter(area__path__startswith=form.cleaned_data["street"].path)
        if form.cleaned_data["level"]:
            sites = sites.of_level(form.cleaned_data["level"])
        if form.cleaned_data["service"]:
            sites = sites.filter(services__contains=[form.cleaned_data["service"]])
    sites = list(sites.order_by("area__path", "kind", "name"))
    by_code = {street.code: street for street in streets}
    on_duty = services.lawyers_on_duty(sites, timezone.localdate())
    groups = {}
    for site in sites:
        street = street_of(site.area, by_code)
        site.street = street
        site.on_duty = on_duty.get(site.pk, [])
        site.hours_text = hours_text(site.hours.all()) or site.opening_hours
        groups.setdefault(street.name if street else site.area.name, []).append(site)
    points = [{"name": s.name, "value": [float(s.longitude), float(s.latitude)], "level": str(s.get_level_display()),
               "url": reverse("public_service:resident_site", args=[s.pk])}
              for s in sites if s.latitude is not None and s.longitude is not None]
    return render(request, "public_service/resident/home.html", {
        "form": form, "groups": groups, "count": len(sites), "map_points": json.dumps(points, ensure_ascii=False),
        "phone": verified_phone(request),
    })


@resident_page
def resident_site(request, pk):
    site = get_object_or_404(public_sites().prefetch_related(
        Prefetch("hours", OpeningHours.objects.order_by("weekday", "start"))), pk=pk)
    today = timezone.localdate()
    days = {}
    for start, end, limit, taken in services.slots_available(site):
        days.setdefault(timezone.localtime(start).date(), []).append({
            "start": timezone.localtime(start), "end": timezone.localtime(end), "left": max(limit - taken, 0),
            "value": timezone.localtime(start).isoformat()})
    return render(request, "public_service/resident/site.html", {
        "site": site, "hours": hours_text(site.hours.all()) or site.opening_hours,
        "on_duty": services.lawyers_on_duty([site], today).get(site.pk, []), "days": days,
        "phone": verified_phone(request), "form": BookingForm(),
        "classes": LegalClass.objects.upcoming().filter(point=site).order_by("starts_at")[:5],
    })


# --- The phone ---------------------------------------------------------------------------------------------------


@resident_page
def resident_verify(request):
    """Step 1: the privacy notice and the phone (a code is sent); step 2: the code."""
    back = _next(request, reverse("public_service:resident_home"))
    phone_form = PhoneForm(request.POST if request.POST.get("step") == "phone" else None)
    code_form = CodeForm(request.POST if request.POST.get("step") == "code" else None)
    pending = request.session.get("public_service_pending_phone")
    if request.method == "POST" and request.POST.get("step") == "phone" and phone_form.is_valid():
        phone = phone_form.cleaned_data["phone"]
        try:
            services._phone(phone)
            throttle(request, "code", phone=phone)
            services.phone_code_send(phone=phone)
        except ValidationError as error:
            add_service_error(phone_form, error)
        else:
            request.session["public_service_pending_phone"] = pending = phone
            messages.success(request, _("验证码已发送至%(phone)s。") % {"phone": f"{phone[:3]}****{phone[-4:]}"})
            code_form = CodeForm()
    elif request.method == "POST" and request.POST.get("step") == "code" and pending and code_form.is_valid():
        try:
            throttle(request, "verify", phone=pending)
            phone = services.phone_code_verify(phone=pending, code=code_form.cleaned_data["code"])
        except ValidationError as error:
            add_service_error(code_form, error)
        else:
            request.session.cycle_key()
            request.session[SESSION_PHONE] = phone
            request.session.pop("public_service_pending_phone", None)
            messages.success(request, _("手机号码已验证。"))
            return redirect(back)
    return render(request, "public_service/resident/verify.html", {
        "phone_form": phone_form, "code_form": code_form, "pending": pending, "next": back,
        "console": sms.is_console(), "phone": verified_phone(request),
    })


@resident_page
@require_POST
def resident_forget(request):
    request.session.pop(SESSION_PHONE, None)
    messages.success(request, _("已退出手机验证。"))
    return redirect("public_service:resident_home")


# --- Bookings -----------------------------------------------------------------------------------------------------


@resident_page
@phone_required
@require_POST
def resident_book(request, pk):
    site = get_object_or_404(public_sites(), pk=pk)
    phone = verified_phone(request)
    form = BookingForm(request.POST)
    if form.is_valid():
        throttle(request, "booking", phone=phone)
        try:
            booking = services.booking_create(point=site, starts_at=form.cleaned_data["slot"], phone=phone,
                                              name=form.cleaned_data["name"], matter=form.cleaned_data["matter"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("预约成功，预约码 %(code)s。") % {"code": booking.code})
            return redirect(booking.get_resident_url())
    else:
        messages.error(request, _("请选择时段并填写称呼和咨询事项。"))
    return redirect("public_service:resident_site", pk=site.pk)


@resident_page
@phone_required
def resident_bookings(request):
    bookings = Booking.objects.of_phone(verified_phone(request)).select_related("point", "slot").order_by(
        "-slot__starts_at")
    return render(request, "public_service/resident/bookings.html", {"bookings": bookings,
                                                                      "phone": verified_phone(request)})


def _own_booking(request, code):
    return get_object_or_404(Booking.objects.of_phone(verified_phone(request)).select_related("point", "slot"),
                             code=code)


@resident_page
@phone_required
def resident_booking(request, code):
    return render(request, "public_service/resident/booking.html", {"booking": _own_booking(request, code),
                                                                     "phone": verified_phone(request)})


@resident_page
@phone_required
@require_POST
def resident_booking_cancel(request, code):
    booking = _own_booking(request, code)
    try:
        services.booking_cancel(booking=booking, phone=verified_phone(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已取消预约。"))
    return redirect(booking.get_resident_url())


# --- Questions -----------------------------------------------------------------------------------------------------


@resident_page
@phone_required
def resident_ask(request):
    streets = Area.objects.filter(level=Area.Level.STREET).order_by("code")
    form = QuestionForm(request.POST or None, streets=streets)
    if request.method == "POST" and form.is_valid():
        phone = verified_phone(request)
        throttle(request, "question", phone=phone)
        try:
            question = services.question_ask(phone=phone, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已提交，咨询码 %(code)s，我们将在%(date)s前答复。") % {
                "code": question.code, "date": question.due_on})
            return redirect(question.get_resident_url())
    return render(request, "public_service/resident/ask.html", {"form": form, "phone": verified_phone(request)})


@resident_page
@phone_required
def resident_questions(request):
    code = (request.GET.get("code") or "").strip().upper()
    if code:
        question = Question.objects.of_phone(verified_phone(request)).filter(code=code).first()
        if question is None:
            raise Http404(_("没有找到该咨询。"))
        return redirect(question.get_resident_url())
    questions = Question.objects.of_phone(verified_phone(request)).select_related("street")
    return render(request, "public_service/resident/questions.html", {"questions": questions,
                                                                       "phone": verified_phone(request)})


@resident_page
@phone_required
def resident_question(request, code):
    question = get_object_or_404(Question.objects.of_phone(verified_phone(request)).select_related("street"),
                                 code=code)
    return render(request, "public_service/resident/question.html", {"question": question,
                                                                      "phone": verified_phone(request)})


# --- Classes ---------------------------------------------------------------------------------------------------------


@resident_page
def resident_classes(request):
    phone = verified_phone(request)
    classes = list(LegalClass.objects.upcoming().select_related("area", "point").order_by("starts_at")[:50])
    counts = dict(ClassSignup.objects.filter(legal_class__in=classes).values_list("legal_class").annotate(
        n=Count("pk")))
    mine = set(ClassSignup.objects.filter(legal_class__in=classes, phone=phone).values_list(
        "legal_class_id", flat=True)) if phone else set()
    for item in classes:
        item.left = max(item.capacity - counts.get(item.pk, 0), 0)
        item.mine = item.pk in mine
    return render(request, "public_service/resident/classes.html", {"classes": classes, "phone": phone,
                                                                     "form": SignupForm()})


@resident_page
@phone_required
@require_POST
def resident_signup(request, pk):
    legal_class = get_object_or_404(LegalClass.objects.upcoming(), pk=pk)
    form = SignupForm(request.POST)
    if form.is_valid():
        throttle(request, "signup", phone=verified_phone(request))
        try:
            services.class_signup(legal_class=legal_class, phone=verified_phone(request),
                                  name=form.cleaned_data["name"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("报名成功：%(title)s。") % {"title": legal_class.title})
    else:
        messages.error(request, _("请填写称呼。"))
    return redirect("public_service:resident_classes")
