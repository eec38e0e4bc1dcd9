package vn.ehealth.nhr.loaders.synthetic;

import org.hl7.fhir.r4.model.Bundle;

import java.util.List;

/**
 * One synthetic citizen as their facilities would send them: the record as one transaction (the
 * Patient, conditional on the CCCD, and every outpatient visit, vaccination, prescription and
 * result), then one discharge document per inpatient stay, to be sent after it with
 * {@code POST /Bundle}, in order.
 */
public record SyntheticCitizen(Bundle transaction, List<Bundle> dischargeDocuments) {

    /** How many resources sending this citizen stores: the transaction's entries, and per document its paper, stay, diagnosis and itself. */
    public int resources() {
        return transaction.getEntry().size() + dischargeDocuments.stream().mapToInt(DischargePapers::storedResources).sum();
    }
}
