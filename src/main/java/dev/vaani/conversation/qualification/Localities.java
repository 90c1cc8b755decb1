package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/** Places Indian real-estate buyers name most often; campaigns add their own. */
final class Localities {

    static final List<String> CITIES = List.of("Bangalore", "Mumbai", "Pune", "Hyderabad", "Chennai", "Delhi",
            "Gurgaon", "Noida", "Greater Noida", "Ghaziabad", "Faridabad", "Kolkata", "Ahmedabad", "Jaipur", "Lucknow",
            "Chandigarh", "Mohali", "Kochi", "Coimbatore", "Indore", "Nagpur", "Goa", "Mysore", "Vizag", "Surat");

    static final List<String> LOCALITIES = List.of(
            // Bangalore
            "Whitefield", "Sarjapur Road", "Sarjapur", "Electronic City", "HSR Layout", "Koramangala", "Hebbal",
            "Yelahanka", "Marathahalli", "Bellandur", "Indiranagar", "JP Nagar", "Jayanagar", "Bannerghatta Road",
            "Hennur", "Devanahalli", "Old Madras Road", "Kanakapura Road", "Rajajinagar", "Malleshwaram", "KR Puram", "Varthur",
            "Budigere", "Thanisandra", "BTM Layout", "Banashankari", "Mysore Road", "Hoskote", "Attibele",
            // Mumbai region
            "Andheri", "Powai", "Bandra", "Goregaon", "Malad", "Borivali", "Kandivali", "Worli", "Lower Parel",
            "Chembur", "Ghatkopar", "Mulund", "Kharghar", "Panvel", "Vashi", "Dombivli", "Kalyan", "Mira Road",
            "Virar", "Ulwe", "Thane", "Navi Mumbai",
            // Pune
            "Hinjewadi", "Wakad", "Baner", "Kharadi", "Hadapsar", "Viman Nagar", "Wagholi", "Aundh", "Balewadi",
            "Magarpatta", "Pimple Saudagar", "Undri", "Kothrud",
            // Hyderabad
            "Gachibowli", "Kondapur", "Madhapur", "Hitech City", "Kokapet", "Narsingi", "Manikonda", "Kukatpally",
            "Miyapur", "Tellapur", "Banjara Hills", "Jubilee Hills", "Shamshabad",
            // NCR
            "Golf Course Road", "Golf Course Extension Road", "Sohna Road", "Dwarka Expressway", "New Gurgaon",
            "Noida Extension", "Sector 150", "Dwarka", "Vasant Kunj", "Saket",
            // Chennai
            "OMR", "ECR", "Velachery", "Porur", "Tambaram", "Sholinganallur", "Perungudi", "Anna Nagar", "Guindy");

    /** Other names and common transcriptions, to the name we store. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            entry("Bengaluru", "Bangalore"), entry("Banglore", "Bangalore"), entry("Blr", "Bangalore"),
            entry("Gurugram", "Gurgaon"), entry("Bombay", "Mumbai"), entry("Madras", "Chennai"),
            entry("New Delhi", "Delhi"), entry("E City", "Electronic City"), entry("Ecity", "Electronic City"),
            entry("Electronics City", "Electronic City"), entry("Hinjawadi", "Hinjewadi"),
            entry("Hinjewadi Phase 1", "Hinjewadi"), entry("Gachibowly", "Gachibowli"),
            entry("HSR", "HSR Layout"), 
            entry("Hi Tech City", "Hitech City"), entry("Sarjapura", "Sarjapur"), entry("Marathalli", "Marathahalli"),
            entry("Greater Noida West", "Noida Extension"));

    private Localities() {
    }
}
