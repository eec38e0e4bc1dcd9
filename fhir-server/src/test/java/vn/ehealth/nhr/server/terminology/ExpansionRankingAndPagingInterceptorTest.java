package vn.ehealth.nhr.server.terminology;

import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpansionRankingAndPagingInterceptorTest {

    private final ExpansionRankingAndPagingInterceptor interceptor = new ExpansionRankingAndPagingInterceptor();

    @Test
    void filteredMatchesAreRankedExactNameFirstThenPagedByCountAndOffset() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setOperation("$expand");
        request.setParameters(new HashMap<>(Map.of("filter", new String[] {"dai thao duong"},
                "count", new String[] {"2"}, "offset", new String[] {"1"})));

        interceptor.takePagingOffExpansions(request);
        assertThat(request.getParameters()).containsOnlyKeys("filter");

        ValueSet vs = new ValueSet();
        // as the index returned them: not in the order a person expects
        vs.getExpansion().addContains().setCode("E11").setDisplay("Bệnh đái tháo đường không phụ thuộc insulin");
        vs.getExpansion().addContains().setCode("E12").setDisplay("Bệnh đái tháo đường liên quan đến suy dinh dưỡng");
        vs.getExpansion().addContains().setCode("E10").setDisplay("Bệnh đái tháo đường phụ thuộc insulin");
        vs.getExpansion().addContains().setCode("E10-E14").setDisplay("Đái tháo đường");
        ResponseDetails response = new ResponseDetails(vs);
        interceptor.cutThePage(request, response);

        assertThat(vs.getExpansion().getContains()).as("the expansion HAPI may cache is left as it was").hasSize(4);
        vs = (ValueSet) response.getResponseResource();
        assertThat(vs.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("E10", "E11");
        assertThat(vs.getExpansion().getTotal()).isEqualTo(4);
        assertThat(vs.getExpansion().getOffset()).isEqualTo(1);
    }

    @Test
    void anOffsetPastTheEndGivesAnEmptyPageAndOtherOperationsAreUntouched() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setOperation("$expand");
        request.setParameters(new HashMap<>(Map.of("offset", new String[] {"10"})));
        interceptor.takePagingOffExpansions(request);
        ValueSet vs = new ValueSet();
        vs.getExpansion().addContains().setCode("01");
        ResponseDetails response = new ResponseDetails(vs);
        interceptor.cutThePage(request, response);
        vs = (ValueSet) response.getResponseResource();
        assertThat(vs.getExpansion().getContains()).isEmpty();
        assertThat(vs.getExpansion().getTotal()).isEqualTo(1);

        SystemRequestDetails lookup = new SystemRequestDetails();
        lookup.setOperation("$lookup");
        lookup.setParameters(new HashMap<>(Map.of("count", new String[] {"2"})));
        interceptor.takePagingOffExpansions(lookup);
        assertThat(lookup.getParameters()).containsKey("count");
    }
}
