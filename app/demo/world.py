"""The demo dealership's world: branches, people's names, cities, vehicle catalogue.

Plain data the generator draws from with a seeded ``random.Random``; nothing here is random.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Branch:
    erp_id: int
    code: str
    name: str  # the same display name in both systems
    city_code: str
    invoice_prefix: str  # DIAN authorized prefix of the branch's e-invoices
    landline_area: str  # 601 Bogotá, 604 Antioquia, 602 Valle


BRANCHES = (
    Branch(1, "BOG", "Bogotá - Autopista Norte", "11001", "FEB", "601"),
    Branch(2, "MED", "Medellín - El Poblado", "05001", "FEM", "604"),
    Branch(3, "CAL", "Cali - Pasoancho", "76001", "FEC", "602"),
)

#: The salespeople (asesores comerciales) of each branch, who own its CRM deals.
SALESPEOPLE: dict[str, tuple[str, ...]] = {
    "BOG": ("Andrés Felipe Rojas", "Diana Marcela Castro", "Jorge Iván Montoya"),
    "MED": ("Luisa Fernanda Restrepo", "Santiago Arango Vélez", "Paula Andrea Gil"),
    "CAL": ("Carlos Alberto Lozano", "Valentina Ocampo", "Héctor Fabio Rengifo"),
}

#: Municipalities around each branch: (DIVIPOLA code, ways people type it in the CRM).
CITIES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "BOG": (
        ("11001", ("Bogotá", "Bogota", "BOGOTÁ D.C.", "Bogotá D.C.", "bogota dc")),
        ("25754", ("Soacha", "SOACHA")),
        ("25175", ("Chía", "Chia")),
        ("25473", ("Mosquera, Cundinamarca", "Mosquera (Cundinamarca)")),
        ("25899", ("Zipaquirá", "Zipaquira")),
    ),
    "MED": (
        ("05001", ("Medellín", "Medellin", "MEDELLÍN", "Medellín, Antioquia")),
        ("05266", ("Envigado", "ENVIGADO")),
        ("05360", ("Itagüí", "Itagui")),
        ("05088", ("Bello",)),
        ("05631", ("Sabaneta",)),
    ),
    "CAL": (
        ("76001", ("Cali", "Santiago de Cali", "CALI", "Cali ")),
        ("76520", ("Palmira",)),
        ("76364", ("Jamundí", "Jamundi")),
        ("76892", ("Yumbo",)),
    ),
}

#: Cédula number ranges common in each region (first digits), for realism only.
CEDULA_PREFIXES = {
    "BOG": ("79", "80", "52", "51", "1010", "1020", "1032"),
    "MED": ("71", "98", "43", "32", "1017", "1036", "1128"),
    "CAL": ("16", "94", "31", "66", "1107", "1144", "1130"),
}

MALE_NAMES = (
    "José", "Juan", "Carlos", "Luis", "Andrés", "Jorge", "Sebastián", "Santiago", "Nicolás",
    "Alejandro", "Felipe", "Camilo", "Julián", "Óscar", "Mauricio", "Hernán", "Iván", "Martín",
    "Daniel", "David", "Esteban", "Jhon", "Álvaro", "Fabián", "Germán", "Rubén", "Édgar",
)
MALE_SECOND = (
    "Fernando", "Pablo", "Carlos", "David", "Felipe", "Andrés", "Esteban", "José", "Alberto",
)
FEMALE_NAMES = (
    "María", "Ana", "Valentina", "Camila", "Juliana", "Daniela", "Mónica", "Sofía", "Laura",
    "Natalia", "Paola", "Diana", "Catalina", "Luz", "Ángela", "Marcela", "Adriana", "Lucía",
    "Sandra", "Claudia", "Verónica", "Isabel", "Gloria", "Estefanía", "Manuela", "Yolanda",
)
FEMALE_SECOND = ("Fernanda", "Alejandra", "Isabel", "Camila", "Marina", "Elena", "Cristina")
SURNAMES = (
    "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez",
    "Ramírez", "Pérez", "Díaz", "Muñoz", "Rojas", "Moreno", "Jiménez", "Álvarez", "Romero",
    "Valencia", "Ospina", "Restrepo", "Castaño", "Zuluaga", "Giraldo", "Cardona", "Quintero",
    "Londoño", "Agudelo", "Arango", "Mejía", "Vargas", "Peña", "Orozco", "Cárdenas", "Salazar",
    "Patiño", "Bermúdez", "Ibáñez", "Becerra", "Núñez", "Quiñónez", "Ocampo", "Henao", "Toro",
    "Montoya", "Escobar", "Uribe", "Villegas", "Cifuentes", "Acevedo", "Betancur", "Caicedo",
)
COMPANY_PATTERNS = (
    "Transportes {s} S.A.S.", "Inversiones {s} y Cía. LTDA", "Distribuidora {s} S.A.",
    "Agropecuaria {s} S.A.S.", "Constructora {s} {t} S.A.S.", "Logística {s} S.A.S.",
    "Comercializadora {s} LTDA", "Servicios Médicos {s} S.A.S.", "{s} & {t} Abogados S.A.S.",
)
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "yahoo.es", "gmail.com", "gmail.com")
CONSENT_CHANNELS = ("formulario web", "WhatsApp", "firma en sala", "llamada grabada", "correo")
LEAD_SOURCES = (
    "Facebook", "Instagram", "Web", "WhatsApp", "Visita a sala", "Referido", "Feria", "Google",
)
PAYMENT_METHODS = (
    "Transferencia", "Tarjeta de crédito", "Consignación", "Efectivo", "Desembolso financiera",
    "Tarjeta débito",
)


@dataclass(frozen=True, slots=True)
class CarModel:
    make: str
    model: str
    wmi: str  # world manufacturer identifier: first three VIN characters
    vds: str  # five characters of vehicle descriptor
    price_millions: tuple[int, int]


CATALOGUE = (
    CarModel("Chevrolet", "Onix", "9GA", "SJ69R", (68, 82)),
    CarModel("Chevrolet", "Tracker", "9GA", "JE76T", (98, 122)),
    CarModel("Renault", "Duster", "9FB", "HJR4D", (85, 108)),
    CarModel("Renault", "Sandero", "9FB", "5SR5B", (62, 74)),
    CarModel("Renault", "Koleos", "VF1", "RZH40", (150, 178)),
    CarModel("Mazda", "CX-30", "JM1", "DM2W7", (128, 152)),
    CarModel("Mazda", "Mazda 2", "JM1", "DL3W7", (82, 98)),
    CarModel("Kia", "Picanto", "KNA", "B2417", (58, 69)),
    CarModel("Kia", "Sportage", "KNA", "PM81C", (135, 168)),
    CarModel("Toyota", "Corolla Cross", "9BR", "KZAAG", (132, 160)),
    CarModel("Toyota", "Hilux", "8AJ", "BA3CD", (175, 230)),
    # North-American plants: the VIN check digit is mandatory for these.
    CarModel("Nissan", "Kicks", "3N1", "CP5BV", (88, 104)),
    CarModel("Ford", "Ranger", "1FT", "ER4FH", (190, 245)),
    CarModel("Chevrolet", "Silverado", "1GC", "UYEED", (260, 320)),
)
COLORS = (
    "Blanco", "Gris Estrella", "Negro", "Rojo", "Plata", "Azul Oscuro", "Gris Grafito", "Blanco Perla",
)
# VIN position 10: model-year code.
YEAR_CODES = {2020: "L", 2021: "M", 2022: "N", 2023: "P", 2024: "R", 2025: "S", 2026: "T",
              2027: "V"}

#: Who sells the SOAT, insures the vehicles (todo riesgo) and finances them.
SOAT_INSURERS = ("Seguros Bolívar", "Seguros del Estado", "SURA", "La Previsora", "AXA Colpatria")
INSURERS = ("SURA", "Allianz", "Seguros Bolívar", "Mapfre", "HDI Seguros", "AXA Colpatria")
LENDERS = ("Banco de Occidente", "Banco de Bogotá", "Finandina", "GM Financial", "RCI Colombia",
           "Bancolombia", "Banco Davivienda")
#: What the sales floor writes on a follow-up of each kind (the CRM's «nota»).
FOLLOWUP_NOTES = {
    "anniversary": ("Llamar por el aniversario de la entrega", "Felicitar y ofrecer revisión"),
    "first_service": ("Agendar primer servicio (5.000 km)", "Recordar la revisión de 5.000 km"),
    "soat": ("Recordar renovación del SOAT", "Ofrecer SOAT con la aseguradora aliada"),
    "insurance": ("Renovación de la póliza todo riesgo", "Cotizar renovación del seguro"),
    "renewal": ("Ofrecer cambio de vehículo", "Presentar plan de retoma"),
    "other": ("Llamada de cortesía", "Encuesta de satisfacción", "Invitar al evento de lanzamiento"),
}
