package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static vn.ehealth.nhr.profiles.NhrIdentifierSystems.CITIZEN_ID;
import static vn.ehealth.nhr.profiles.NhrIdentifierSystems.INSURANCE_NUMBER;
import static vn.ehealth.nhr.profiles.NhrIdentifierSystems.PASSPORT_NUMBER;

/**
 * What an analyst receives: every Patient de-identified (no name, contact, identifier, address
 * below the province or exact date), its CCCD replaced by a keyed pseudonym so that records still
 * link, every reference to a Patient pointing at the pseudonymous Patient, and every RelatedPerson
 * reduced to its role, its patient and what is left of a Patient's address and birth date. Works on
 * a copy; thread-safe.
 */
public final class AnalystDeidentifier {

    public static final String PSEUDONYM_SYSTEM = "urn:nhr:pseudonym";
    public static final String PSEUDONYMOUS_ID_PREFIX = "pseudo-";

    static final String ADMINISTRATIVE_ADDRESS =
            "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-administrative-address";
    /** Patient extensions that describe a population or a facility, not a person. */
    private static final List<String> KEPT_PATIENT_EXTENSIONS =
            List.of("extension-race", "nationality", "occupation", "registered-primary-care");
    /** Person identifiers that are not the CCCD: no pseudonym is needed to link, so they are blanked. */
    private static final Set<String> OTHER_PERSON_IDENTIFIERS = Set.of(INSURANCE_NUMBER, PASSPORT_NUMBER);
    /** [base/]Patient/id[/_history/v]: group 1 what precedes the id, 2 the id, 3 the version part. */
    private static final Pattern PATIENT_URL =
            Pattern.compile("^((?:.*/)?Patient/)([A-Za-z0-9\\-.]{1,64})((?:/_history/[^/?]+)?)$");
    private static final Pattern RELATED_PERSON_URL = Pattern.compile("^(?:.*/)?RelatedPerson/[^/]+(?:/_history/.*)?$");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int PSEUDONYM_LENGTH = 26; // 130 bits: collisions are out of reach
    private static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;
    private final FhirContext fhirContext;

    public AnalystDeidentifier(byte[] key, FhirContext fhirContext) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256"); // copies the key
        this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
    }

    /** A de-identified COPY of the resource (never mutates the argument); null -> null. */
    public IBaseResource deidentify(IBaseResource resource) {
        if (resource == null) {
            return null;
        }
        if (!(resource instanceof Resource r4)) {
            throw new IllegalArgumentException("not an R4 resource: " + resource.getClass().getName());
        }
        Resource copy = r4.copy();
        Set<Reference> references = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Identifier> identifiers = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> localPatientUrls = new HashSet<>();
        scrub(copy, false, references, identifiers, localPatientUrls);
        // references are rewritten once each, after every resource is scrubbed: the terser may reach
        // the same Reference from a Bundle and from its entry, and rewriting is not idempotent
        references.forEach(ref -> rewrite(ref, localPatientUrls));
        identifiers.forEach(this::pseudonymise);
        return copy;
    }

    /** The stable pseudonym of a value (HMAC-SHA256 with the key, base32 lower case without padding, first 26 chars). */
    public String pseudonym(String value) {
        Objects.requireNonNull(value, "value");
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // a Mac is not thread-safe: one per call
            mac.init(key);
            return base32(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, PSEUDONYM_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private String pseudonymousId(String patientIdPart) {
        return PSEUDONYMOUS_ID_PREFIX + pseudonym("Patient/" + patientIdPart);
    }

    private void scrub(Resource resource, boolean contained, Set<Reference> references,
                       Set<Identifier> identifiers, Set<String> localPatientUrls) {
        if (resource instanceof DomainResource domain) {
            domain.setText(null); // narratives repeat names, addresses and dates
            for (Resource inner : domain.getContained()) {
                if (inner instanceof Patient && inner.getIdElement().hasIdPart()) {
                    localPatientUrls.add("#" + inner.getIdElement().getIdPart().replaceFirst("^#", ""));
                }
                scrub(inner, true, references, identifiers, localPatientUrls);
            }
        }
        if (resource instanceof Patient patient) {
            scrubPatient(patient, contained);
        } else if (resource instanceof RelatedPerson relative) {
            scrubRelative(relative);
        } else if (resource instanceof Bundle bundle) {
            scrubBundle(bundle, references, identifiers, localPatientUrls);
        }
        FhirTerser terser = fhirContext.newTerser();
        references.addAll(terser.getAllPopulatedChildElementsOfType(resource, Reference.class));
        identifiers.addAll(terser.getAllPopulatedChildElementsOfType(resource, Identifier.class));
    }

    private void scrubPatient(Patient patient, boolean contained) {
        String cccd = patient.getIdentifier().stream()
                .filter(i -> CITIZEN_ID.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst().orElse(null);
        IdType id = patient.getIdElement();
        // a contained Patient's id is local to its container ("#p1"): it names no one and must keep resolving
        boolean serverId = !contained && id.hasIdPart();
        if (serverId) {
            patient.setIdElement(new IdType(id.getBaseUrl(), "Patient", pseudonymousId(id.getIdPart()), id.getVersionIdPart()));
        }
        patient.getMeta().setSource(null);
        patient.getIdentifier().clear();
        String linkValue = cccd != null ? cccd : serverId ? "Patient/" + id.getIdPart() : null;
        if (linkValue != null) {
            patient.addIdentifier(new Identifier().setSystem(PSEUDONYM_SYSTEM).setValue(pseudonym(linkValue)));
        }
        patient.getName().clear();
        patient.getTelecom().clear();
        patient.getPhoto().clear();
        patient.getContact().clear();
        patient.getLink().clear();
        patient.getGeneralPractitioner().forEach(gp -> gp.setDisplay(null));
        // the newborn's mother and any unknown extension may name a person: keep only the listed ones
        patient.getExtension().removeIf(e -> e.getUrl() == null
                || KEPT_PATIENT_EXTENSIONS.stream().noneMatch(e.getUrl()::contains));
        patient.setBirthDateElement(birthYear(patient.getBirthDateElement()));
        if (patient.hasDeceasedDateTimeType()) {
            String year = yearOf(patient.getDeceasedDateTimeType().getValueAsString());
            patient.setDeceased(year == null ? null : new DateTimeType(year));
        }
        patient.setAddress(provincesOnly(patient.getAddress()));
    }

    /**
     * A relative (the parents and guardian a QĐ 130 paper names): the role and the pseudonymous
     * patient stay, everything that identifies the relative goes — their health identifiers too
     * (a parent's CCCD or social-insurance number names them, and through them the child).
     */
    private static void scrubRelative(RelatedPerson relative) {
        relative.getMeta().setSource(null);
        relative.getIdentifier().clear();
        relative.getName().clear();
        relative.getTelecom().clear();
        relative.getPhoto().clear();
        relative.getCommunication().clear();
        relative.setBirthDateElement(birthYear(relative.getBirthDateElement()));
        relative.setAddress(provincesOnly(relative.getAddress()));
    }

    /** The year of a birth date only (null stays null). */
    private static DateType birthYear(DateType birthDate) {
        String year = birthDate == null || !birthDate.hasValue() ? null : yearOf(birthDate.getValueAsString());
        return year == null ? null : new DateType(year);
    }

    /** Each address cut to its province; addresses with none left are removed. */
    private static List<Address> provincesOnly(List<Address> addresses) {
        List<Address> kept = new ArrayList<>();
        for (Address address : addresses) {
            Address province = provinceOnly(address);
            if (!province.isEmpty()) {
                kept.add(province);
            }
        }
        return kept;
    }

    private static String yearOf(String date) {
        return date == null || date.length() < 4 ? null : date.substring(0, 4);
    }

    /** Province (state, and the "state" part of the administrative-address extension) and country only. */
    private static Address provinceOnly(Address address) {
        Address kept = new Address().setUse(address.getUse()).setType(address.getType())
                .setState(address.getState()).setCountry(address.getCountry());
        address.getExtension().stream().filter(e -> ADMINISTRATIVE_ADDRESS.equals(e.getUrl()))
                .flatMap(e -> e.getExtension().stream()).filter(part -> "state".equals(part.getUrl()))
                .findFirst().ifPresent(state -> kept.addExtension().setUrl(ADMINISTRATIVE_ADDRESS).addExtension(state.copy()));
        // use/type alone say nothing: an address with neither province nor country is dropped
        return kept.hasState() || kept.hasCountry() || kept.hasExtension() ? kept : new Address();
    }

    private void scrubBundle(Bundle bundle, Set<Reference> references, Set<Identifier> identifiers,
                             Set<String> localPatientUrls) {
        bundle.setSignature(null); // it signed the identified content and would no longer verify
        // the owner tag names a Patient id, which analysts see only as a pseudonym
        bundle.getMeta().getTag().removeIf(t -> RecordCompartments.DOCUMENT_SUBJECT_TAG.equals(t.getSystem()));
        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient && entry.hasFullUrl()) {
                localPatientUrls.add(entry.getFullUrl()); // a urn:uuid: referenced within the Bundle
                entry.setFullUrl(pseudonymousUrl(entry.getFullUrl()));
            }
            if (entry.hasResource()) {
                scrub(entry.getResource(), false, references, identifiers, localPatientUrls);
            }
            if (entry.hasRequest()) {
                // conditional URLs may search by CCCD or name: keep the path only
                String url = entry.getRequest().getUrl();
                entry.getRequest().setUrl(url == null ? null : pseudonymousUrl(url.replaceFirst("\\?.*$", "")));
                entry.getRequest().setIfNoneExist(null);
            }
            if (entry.hasResponse() && entry.getResponse().hasLocation()) {
                entry.getResponse().setLocation(pseudonymousUrl(entry.getResponse().getLocation()));
            }
        }
    }

    /** The same URL with a Patient id replaced by its pseudonymous id; any other URL unchanged. */
    private String pseudonymousUrl(String url) {
        Matcher m = PATIENT_URL.matcher(url);
        return m.matches() ? m.group(1) + pseudonymousId(m.group(2)) + m.group(3) : url;
    }

    private void rewrite(Reference ref, Set<String> localPatientUrls) {
        String url = ref.getReference();
        if ("RelatedPerson".equals(ref.getType()) || (url != null && RELATED_PERSON_URL.matcher(url).matches())) {
            // a relative is identified by name and contact, and identifies the patient in turn
            ref.setReference(null).setDisplay(null).setIdentifier(null);
            return;
        }
        boolean toPatient = "Patient".equals(ref.getType());
        if (url != null) {
            String rewritten = pseudonymousUrl(url);
            toPatient |= !rewritten.equals(url) || localPatientUrls.contains(url);
            ref.setReference(rewritten);
        }
        if (ref.hasIdentifier()) {
            String system = ref.getIdentifier().getSystem();
            toPatient |= CITIZEN_ID.equals(system) || OTHER_PERSON_IDENTIFIERS.contains(system);
        }
        if (toPatient) {
            ref.setDisplay(null); // the display of a patient reference is the patient's name
        }
    }

    /** The CCCD becomes the pseudonym identifier wherever it appears; other person identifiers are blanked. */
    private void pseudonymise(Identifier identifier) {
        String system = identifier.getSystem();
        if (CITIZEN_ID.equals(system) && identifier.hasValue()) {
            String value = pseudonym(identifier.getValue());
            blank(identifier);
            identifier.setSystem(PSEUDONYM_SYSTEM).setValue(value);
        } else if (CITIZEN_ID.equals(system) || OTHER_PERSON_IDENTIFIERS.contains(system)) {
            blank(identifier);
        }
    }

    private static void blank(Identifier identifier) {
        identifier.setUse(null).setType(null).setSystem(null).setValue(null).setPeriod(null).setAssigner(null);
        identifier.getExtension().clear();
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff); // high bits overflow harmlessly: only the low 12 are read
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
