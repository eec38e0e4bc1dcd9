package vn.ehealth.nhr.server.terminology;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.terminology.DisplayMatchRanking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks filtered {@code ValueSet/$expand} results ({@link DisplayMatchRanking}: exact name first) and
 * pages expansions, filtered or not, with {@code count} and {@code offset}.
 *
 * <p>Filtered expansions must go through the full-text index, which folds Vietnamese diacritics
 * ("dai thao duong" finds "Đái tháo đường"); HAPI's pre-expanded tables match the filter with SQL
 * LIKE and would not, so pre-expansion is off (see HapiJpaServerConfig). HAPI's in-memory
 * expansion, however, treats {@code count} as a hard ceiling and fails (HAPI-0831) when more
 * concepts match. So this interceptor takes {@code count}/{@code offset} off an expansion request,
 * lets HAPI expand up to its maximum expansion size (ranked by the index), and cuts the requested
 * page out of the answer, setting {@code expansion.total} and {@code expansion.offset}.
 */
@Component
@Interceptor
public class ExpansionRankingAndPagingInterceptor {

    private static final String PAGE_KEY = ExpansionRankingAndPagingInterceptor.class.getName() + ".page";

    record Page(String filter, int offset, Integer count) {
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean takePagingOffExpansions(RequestDetails request) {
        Map<String, String[]> params = request.getParameters();
        boolean filtered = params.containsKey("filter");
        if (!"$expand".equals(request.getOperation())
                || (!filtered && !params.containsKey("count") && !params.containsKey("offset"))) {
            return true;
        }
        String filter = filtered && params.get("filter").length > 0 ? params.get("filter")[0] : null;
        Integer count = firstInt(params.get("count"));
        Integer offset = firstInt(params.get("offset"));
        request.getUserData().put(PAGE_KEY, new Page(filter, offset == null ? 0 : Math.max(0, offset), count));
        Map<String, String[]> withoutPaging = new HashMap<>(params);
        withoutPaging.remove("count");
        withoutPaging.remove("offset");
        request.setParameters(withoutPaging);
        return true;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean cutThePage(RequestDetails request, ResponseDetails response) {
        if (!(request.getUserData().get(PAGE_KEY) instanceof Page page)
                || !(response.getResponseResource() instanceof ValueSet expanded) || !expanded.hasExpansion()) {
            return true;
        }
        // HAPI caches expansions: work on a copy, never on the object it will hand to the next caller
        ValueSet vs = expanded.copy();
        response.setResponseResource(vs);
        ValueSet.ValueSetExpansionComponent expansion = vs.getExpansion();
        List<ValueSet.ValueSetExpansionContainsComponent> all = new ArrayList<>(expansion.getContains());
        if (page.filter() != null) {
            all.sort(DisplayMatchRanking.forFilter(page.filter(),
                    ValueSet.ValueSetExpansionContainsComponent::getDisplay, ValueSet.ValueSetExpansionContainsComponent::getCode));
        }
        int from = Math.min(page.offset(), all.size());
        int to = page.count() == null ? all.size() : Math.min(all.size(), from + Math.max(0, page.count()));
        List<ValueSet.ValueSetExpansionContainsComponent> slice = new ArrayList<>(all.subList(from, to));
        if (!expansion.hasTotal()) {
            expansion.setTotal(all.size());
        }
        expansion.setContains(slice);
        expansion.setOffset(page.offset());
        if (page.count() == null && page.offset() == 0) {
            return true; // ranked only; nothing to page
        }
        expansion.getParameter().removeIf(p -> "offset".equals(p.getName()) || "count".equals(p.getName()));
        expansion.addParameter().setName("offset").setValue(new IntegerType(page.offset()));
        if (page.count() != null) {
            expansion.addParameter().setName("count").setValue(new IntegerType(page.count()));
        }
        return true;
    }

    private static Integer firstInt(String[] values) {
        if (values == null || values.length == 0) {
            return null;
        }
        try {
            return Integer.valueOf(values[0].trim());
        } catch (NumberFormatException e) {
            return null; // HAPI never sees it either; an unparseable count pages nothing
        }
    }
}
