"""Open-data API v1: the active partner organisations (read-only, cached like the rest of schemes/api.py).

The referral address is never published: it is for the portal only.
"""

from rest_framework import generics, serializers

from schemes import vocabulary as v
from schemes.models import PartnerKind, PartnerOrganisation
from schemes.partners import selectors


class PartnerSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    themes = serializers.ListField(child=serializers.ChoiceField(choices=v.Theme.choices))
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=v.Sector.choices))
    barriers = serializers.ListField(child=serializers.ChoiceField(choices=v.Barrier.choices))
    provinces = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    website = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    accepts_referrals = serializers.SerializerMethodField()

    class Meta:
        model = PartnerOrganisation
        fields = ["slug", "name", "kind", "description", "description_en", "themes", "sectors", "barriers",
                  "is_national", "provinces", "website", "email", "phone", "accepts_referrals"]

    # Unknown contact details are published as unknown (null), not as an empty string.
    def get_website(self, obj: PartnerOrganisation) -> str | None:
        return obj.website or None

    def get_email(self, obj: PartnerOrganisation) -> str | None:
        return obj.email or None

    def get_phone(self, obj: PartnerOrganisation) -> str | None:
        return obj.phone or None

    def get_accepts_referrals(self, obj: PartnerOrganisation) -> bool:
        return obj.takes_referrals


class PartnerList(generics.ListAPIView):
    serializer_class = PartnerSerializer

    def get_queryset(self):
        return selectors.active_partners()
